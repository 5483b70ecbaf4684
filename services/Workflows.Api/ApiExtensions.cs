using Microsoft.Extensions.Options;
using Workflows.Api.Endpoints;
using Workflows.Api.Http;
using Workflows.Persistence;

namespace Workflows.Api;

/// <summary>The Api service: settings, persistence, problem details, OpenAPI and the <c>/api</c> routes.</summary>
public static class ApiExtensions
{
    /// <summary>The Api service's registrations on PostgreSQL: the persistence and <see cref="AddApiServices"/>.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddWorkflowsPersistence();
        return builder.AddApiServices();
    }

    /// <summary>
    /// Reads <c>Api</c> and <c>Workflows</c> (a missing key throws <see cref="ServiceDefaults.MissingSettingException"/>)
    /// and registers the API's services. Needs a <see cref="WorkflowsDbContext"/> factory and, on the bus, <c>AddOrchestratorClients</c>.
    /// </summary>
    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Options.Create(ApiOptions.Read(builder.Configuration)));
        builder.Services.AddSingleton(Options.Create(LimitsOptions.Read(builder.Configuration)));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => $"No route matches {c.HttpContext.Request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{c.HttpContext.Request.Method} is not allowed on {c.HttpContext.Request.Path}.",
            _ => c.ProblemDetails.Title,
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Errors as problem+json, bearer keys on <c>/api</c>, the OpenAPI document at <c>/openapi/v1.json</c> and the routes.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Empty error responses (unknown route 404, 405) get a problem body too.
        app.UseStatusCodePages();
        app.UseMiddleware<BearerKeyMiddleware>();

        app.MapOpenApi();
        app.MapGroup("/api")
            .MapWorkflows()
            .MapInstances()
            .MapInstanceCommands()
            .MapEvents();
        return app;
    }
}
