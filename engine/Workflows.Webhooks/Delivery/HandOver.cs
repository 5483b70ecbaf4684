using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Webhooks.Delivery;

/// <summary>
/// Hands a delivery's action to the engine and waits for it to be durable: <see cref="CreateInstances"/> is answered by
/// the Orchestrator after its commit, <see cref="SendEvent"/> by the Events service after the event is stored. No answer
/// within <see cref="WebhooksOptions.RequestTimeout"/> (or RabbitMQ unreachable) is a 503, so the sender delivers again.
/// </summary>
internal sealed class HandOver(IClientFactory clients, IDbContextFactory<WorkflowsDbContext> dbs, IOptions<WebhooksOptions> options, ILogger<HandOver> logger)
{
    /// <summary>Creates the instance; true when this call created it, false when the id was already taken (an earlier copy of the delivery).</summary>
    public async Task<bool> StartAsync(string workflow, string instanceId, string paramsJson, CancellationToken ct)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
            if (!await db.WorkflowDefinitions.AnyAsync(w => w.Name == workflow, ct))
                throw WebhookRefusal.Unavailable($"No Executor has registered the workflow '{workflow}' yet; deliver again later.");

        var response = await AskAsync<CreateInstances, InstancesCreated, InstancesRejected>(
            QueueNames.CreateInstances, new CreateInstances([new NewInstance(workflow, instanceId, paramsJson)]), "Orchestrator", ct);
        if (!response.Is(out Response<InstancesRejected>? rejected))
            return true;
        return rejected.Message.Code switch
        {
            null => false,
            RejectionCodes.TooLarge => throw WebhookRefusal.TooLarge(rejected.Message.Reason),
            _ => throw WebhookRefusal.BadRequest(rejected.Message.Reason),
        };
    }

    /// <summary>Stores the event in the instance's inbox (the same event id again is accepted as the same event).</summary>
    public async Task SendEventAsync(string instanceId, string eventId, string type, string payloadJson, DateTimeOffset timestamp, CancellationToken ct)
    {
        var response = await AskAsync<SendEvent, EventAccepted, EventRejected>(
            QueueNames.SendEvent, new SendEvent(instanceId, eventId, type, payloadJson, timestamp), "Events service", ct);
        if (!response.Is(out Response<EventRejected>? rejected))
            return;
        throw rejected.Message.Code switch
        {
            RejectionCodes.NotFound => WebhookRefusal.NotFound($"No instance '{instanceId}' to send the '{type}' event to."),
            RejectionCodes.Invalid => WebhookRefusal.BadRequest(rejected.Message.Reason),
            RejectionCodes.TooLarge => WebhookRefusal.TooLarge(rejected.Message.Reason),
            _ => WebhookRefusal.Conflict(rejected.Message.Reason),
        };
    }

    private async Task<Response<T1, T2>> AskAsync<TRequest, T1, T2>(string queue, TRequest message, string service, CancellationToken aborted)
        where TRequest : class
        where T1 : class
        where T2 : class
    {
        var timeout = options.Value.RequestTimeout;
        // The timeout covers the reply; the token also bounds a send that waits for RabbitMQ to come back.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(timeout + TimeSpan.FromSeconds(1));
        try
        {
            var client = clients.CreateRequestClient<TRequest>(QueueNames.Address(queue), RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
            return await client.GetResponse<T1, T2>(message, deadline.Token);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested && e is RequestTimeoutException or OperationCanceledException or MassTransitException)
        {
            logger.LogWarning("Webhook hand-over to the {Service} not confirmed: {Error}", service, e.Message);
            throw WebhookRefusal.Unavailable($"The {service} did not confirm the delivery within {timeout.TotalSeconds:0.#} s; deliver again later.");
        }
    }
}
