using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Webhooks.Delivery;
using Workflows.Webhooks.Endpoints;
using Workflows.Webhooks.Jobs;
using Workflows.Webhooks.Routing;

namespace Workflows.Webhooks;

/// <summary>The Webhooks part.</summary>
public static class WebhooksExtensions
{
    private const string Part = "webhooks";

    /// <summary>
    /// The Webhooks part: <c>POST /webhooks/{source}</c> for the sources in section <c>Webhooks</c> (checked at start: a
    /// bad source stops the host with one line naming the setting), the delivery log and its retention purge. Deliveries
    /// become <c>CreateInstances</c> requests to the Orchestrator or <c>SendEvent</c> requests to the Events service.
    /// </summary>
    public static WorkflowsBuilder AddWebhooks(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.TryAddPart(Part))
            return builder;
        builder.AddStorage();
        var services = builder.Services;
        services.AddValidatedOptions<WebhooksOptions>(WebhooksOptions.Section);
        services.AddValidatedOptions<WorkflowRuntimeOptions>(WorkflowRuntimeOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookSources>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<HandOver>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddHostedService<DeliveryRetentionPurge>();
        services.AddSingleton<IWorkflowsEndpoints, WebhookEndpoints>();
        return builder;
    }
}
