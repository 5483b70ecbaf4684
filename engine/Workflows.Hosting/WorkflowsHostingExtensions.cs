using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workflows.Hosting;

public static class WorkflowsHostingExtensions
{
    /// <summary>Settings every process starts from (any configuration source overrides them).</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        // MassTransit logs each retry as a warning with the stack trace, a lost race as loudly as an outage; RetryLog logs ours.
        ["Logging:LogLevel:MassTransit.ReceiveTransport"] = "Error",
    };

    /// <summary>
    /// The engine in this process: add parts to the returned builder (<c>.AddOrchestrator()</c>, <c>.AddWorkflow&lt;T&gt;()</c>,
    /// <c>.AddEmbeddedEngine()</c>, …). Every call returns the same builder. Reads <c>ConnectionStrings:Postgres</c> and
    /// <c>ConnectionStrings:RabbitMq</c> when the host is built (a missing one throws <see cref="MissingSettingException"/>),
    /// unless the embedded default was chosen; then, in Development, <c>.workflows/infra.json</c> (<c>deploy/local/infra.sh up</c>) too.
    /// </summary>
    public static WorkflowsBuilder AddWorkflows(this IHostApplicationBuilder host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Properties.TryGetValue(typeof(WorkflowsBuilder), out var existing))
            return (WorkflowsBuilder)existing;

        var workflows = new WorkflowsBuilder(host);
        host.Properties[typeof(WorkflowsBuilder)] = workflows;
        host.Configuration.AddDefaults(Defaults);
        host.AddTelemetry();
        host.Services.AddHealth();
        // Development's DI checks also where ServiceRunner runs the host, so the tests (run as Production) catch a scoped
        // service captured by a singleton as `dotnet run` would.
        host.ConfigureContainer(new WorkflowsServiceProviderFactory(workflows,
            () => host.Environment.IsDevelopment() || host.Properties.ContainsKey(ServiceRunner.StrictProperty)));
        return workflows;
    }

    /// <summary>Maps <c>/alive</c>, <c>/health</c>, <c>/metrics</c> when <c>Workflows:Metrics:Prometheus</c> is true, and the HTTP surface of every part that has one (the Api's routes).</summary>
    public static WebApplication MapWorkflows(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealth();
        app.MapPrometheus();
        foreach (var endpoints in app.Services.GetServices<IWorkflowsEndpoints>())
            endpoints.Map(app);
        return app;
    }
}
