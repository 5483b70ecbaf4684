using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Api.Endpoints;
using Workflows.Api.Http;
using Workflows.Api.RateLimits;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Api;

/// <summary>The Api part: settings, problem details, OpenAPI and the <c>/api</c> routes.</summary>
public static class ApiExtensions
{
    private const string Part = "api";

    /// <summary>
    /// The Api part: settings (sections <c>Api</c> and <c>Workflows</c>, checked at start: without a key the host stops),
    /// problem details, OpenAPI, the request clients to the Orchestrator and the Events part, and the <c>/api</c> routes
    /// (mapped by <c>MapWorkflows</c>).
    /// </summary>
    public static WorkflowsBuilder AddApi(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.TryAddPart(Part))
            return builder;
        builder.AddStorage();
        var services = builder.Services;
        // The comma-separated form of Api:Keys is one value, which the binder leaves out of a list; named keys are accepted too.
        services.AddValidatedOptions<ApiOptions>(ApiOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) => options.Keys =
                [.. ApiOptions.ConfiguredKeys(configuration).Concat(options.NamedKeys.Values.Select(k => k.Trim())).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)]);
        services.AddValidatedOptions<WorkflowRuntimeOptions>(WorkflowRuntimeOptions.Section);
        services.AddValidatedOptions<CreationRateLimitOptions>(CreationRateLimitOptions.Section);
        services.AddSingleton<CreationRateLimiter>();
        services.AddSingleton<SingleCreates>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => $"No route matches {c.HttpContext.Request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{c.HttpContext.Request.Method} is not allowed on {c.HttpContext.Request.Path}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            _ => c.ProblemDetails.Title,
        });
        // Stored JSON is up to 65 levels deep (a wait result) and answers nest it further: read and write with headroom.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = WorkflowJson.MaxReadDepth);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSingleton<ApiKeyCheck>();
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        services.AddSingleton<IWorkflowsEndpoints, ApiEndpoints>();
        services.TryAddSingleton(TimeProvider.System);
        return builder.ConfigureBus(bus => bus.AddOrchestratorClients());
    }

    /// <summary>Errors as problem+json, bearer keys on <c>/api</c> (503 until the schema is up to date), the OpenAPI document at <c>/openapi/v1.json</c> and the routes.</summary>
    internal static WebApplication MapApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Empty error responses (unknown route 404, 405) get a problem body too.
        app.UseStatusCodePages();
        app.UseMiddleware<BearerKeyMiddleware>();
        app.UseMiddleware<SchemaReadinessMiddleware>();

        app.MapOpenApi();
        app.MapGroup("/api")
            .AddEndpointFilter<RouteValuesFilter>()
            .MapWorkflows()
            .MapDiagrams()
            .MapInstances()
            .MapInstanceStream()
            .MapInstanceCommands()
            .MapEvents()
            .MapApprovals()
            .MapInstanceSearch()
            .MapSchedules();
        return app;
    }
}
