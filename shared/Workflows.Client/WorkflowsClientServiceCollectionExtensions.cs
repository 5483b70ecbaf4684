using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Workflows.Client;

/// <summary>Registers the Workflows client in a service collection.</summary>
public static class WorkflowsClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the typed client (<see cref="IWorkflowsClient"/>) with its options bound from section
    /// <c>Workflows:Client</c> when there is one, checked when the client is first resolved; returns a builder for the
    /// client's other parts. The overloads that configure the options also check them at start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder.</returns>
    public static WorkflowsClientBuilder AddWorkflowsClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new WorkflowsClientBuilder(services);
        if (services.Any(s => s.ServiceType == typeof(IWorkflowsClient)))
            return builder;

        // Bound from the section when the host has a configuration; a bare service collection (a console tool) sets the options in code.
        services.AddOptions<WorkflowsClientOptions>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(WorkflowsClientOptions.Section).Bind(options))
            .Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowsClientOptions>, WorkflowsClientOptionsValidation>());
        services.AddHttpClient<IWorkflowsClient, WorkflowsClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<WorkflowsClientOptions>>().Value;
                // A trailing slash makes relative routes resolve under a path prefix (http://host/workflows/ + api/...).
                var baseAddress = options.BaseAddress!.AbsoluteUri;
                http.BaseAddress = new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/");
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                // The resilience handler bounds each request; a stream may stay open as long as its instance runs.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                // Built at start, also in a host that only observes (no BaseAddress): the settings are read without their check, which waits for the client's first use.
                var settings = new WorkflowsClientOptions();
                foreach (var configure in provider.GetServices<IConfigureOptions<WorkflowsClientOptions>>())
                    configure.Configure(settings);
                var timeout = settings.Timeout;
                resilience.TotalRequestTimeout.Timeout = timeout;
                resilience.AttemptTimeout.Timeout = timeout / 3;
                resilience.CircuitBreaker.SamplingDuration = timeout * 2;
                // Retry only what is safe to repeat: reads, PUT/DELETE, and sends with an Idempotency-Key (events, approvals).
                // A create or lifecycle command is never retried blindly: its first attempt may have landed, and a retry would answer 409.
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                    IsSafeToRepeat(args.Context.GetRequestMessage()) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
            });
        return builder;
    }

    /// <summary>As <see cref="AddWorkflowsClient(IServiceCollection)"/>, with the options set in code; checked at start.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets <see cref="WorkflowsClientOptions.BaseAddress"/>, <see cref="WorkflowsClientOptions.ApiKey"/> and the rest.</param>
    /// <returns>The builder.</returns>
    public static WorkflowsClientBuilder AddWorkflowsClient(this IServiceCollection services, Action<WorkflowsClientOptions> configure)
    {
        var builder = services.AddWorkflowsClient();
        services.AddOptions<WorkflowsClientOptions>().Configure(configure).ValidateOnStart();
        return builder;
    }

    /// <summary>As <see cref="AddWorkflowsClient(IServiceCollection)"/>, with the options bound from <paramref name="configuration"/>'s section <c>Workflows:Client</c>; checked at start.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration that holds the section.</param>
    /// <returns>The builder.</returns>
    public static WorkflowsClientBuilder AddWorkflowsClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddWorkflowsClient();
        services.AddOptions<WorkflowsClientOptions>().Bind(configuration.GetSection(WorkflowsClientOptions.Section)).ValidateOnStart();
        return builder;
    }

    private static bool IsSafeToRepeat(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete
            || request.Headers.Contains(WorkflowsClient.IdempotencyKeyHeader));
}
