using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// An order with every kind of step, whose step bodies write to an external ledger (<see cref="SideEffectLedger"/>):
/// <c>reserve</c>; a durable sleep; optionally a wait for an <c>approval</c> event; <c>charge</c>, which fails its first
/// <c>chargeFailures</c> attempts; <c>ship</c>. Each step returns the id of the execution that recorded it, so the
/// output <c>{ reserve, charge, ship, approvedBy }</c> names the executions whose outcomes were persisted.
/// The fault-injection suite runs a thousand of these while it kills services.
/// </summary>
[Workflow("order")]
public sealed class OrderWorkflow(SideEffectLedger ledger) : WorkflowEntrypoint<OrderParams>
{
    /// <summary>How many failures beyond <c>chargeFailures</c> <c>charge</c> tolerates (e.g. its ledger write failing while the database restarts).</summary>
    public const int SpareRetries = 10;

    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<OrderParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var order = evt.Payload;
        var id = evt.InstanceId;
        var reserve = await step.Do("reserve", stepCt => WorkAsync("reserve", stepCt));
        await step.Sleep("cool-off", TimeSpan.FromSeconds(order.SleepSeconds));

        string? approvedBy = null;
        if (order.WaitForApproval)
        {
            var approval = await step.WaitForEvent<JsonElement>("approval", new WaitForEventOptions { Type = "approval", Timeout = "1 hour" });
            approvedBy = approval.Payload.TryGetProperty("by", out var by) ? by.GetString() : null;
        }

        var retries = new StepConfig
        {
            Retries = new(order.ChargeFailures + SpareRetries, TimeSpan.FromMilliseconds(order.RetryDelayMilliseconds), Backoff.Constant),
        };
        var charge = await step.Do("charge", retries, async stepCt =>
        {
            var execution = await WorkAsync("charge", stepCt);
            return Attempt <= order.ChargeFailures
                ? throw new InvalidOperationException($"Attempt {Attempt} of step 'charge' fails on purpose.")
                : execution;
        });
        var ship = await step.Do("ship", stepCt => WorkAsync("ship", stepCt));
        return new { reserve, charge, ship, approvedBy };

        async Task<Guid> WorkAsync(string name, CancellationToken stepCt)
        {
            var execution = await ledger.RecordAsync(id, name, Attempt, stepCt);
            await Task.Delay(order.WorkMilliseconds, stepCt);
            return execution;
        }
    }

    private static int Attempt => StepContext.Current!.Attempt;
}
