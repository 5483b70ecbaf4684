namespace Workflows.Sdk.Tests;

// DESIGN.md section 1, verbatim inside the class: this file compiling is the test.
public sealed record OrderParams(string OrderId, decimal Amount);

public sealed record Approval(bool Approved, string By);

public sealed record Charge(string Id);

public interface IPayments
{
    Task<Charge> ChargeAsync(string orderId, CancellationToken ct);
}

[Workflow("order-fulfilment")]
public sealed class OrderWorkflow(IPayments payments) : WorkflowEntrypoint<OrderParams>
{
    public override async Task<object?> RunAsync(
        WorkflowEvent<OrderParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var charge = await step.Do("charge card",
            new StepConfig { Retries = new(Limit: 3, Delay: "5 seconds", Backoff: Backoff.Exponential),
                             Timeout = "1 minute" },
            async stepCt => await payments.ChargeAsync(evt.Payload.OrderId, stepCt));

        await step.Sleep("cool-off", "1 hour");

        var approval = await step.WaitForEvent<Approval>("manager approval",
            new WaitForEventOptions { Type = "approval", Timeout = "24 hours" });

        if (!approval.Payload.Approved)
            throw new NonRetryableException("rejected by " + approval.Payload.By);

        // steps may run concurrently; each is still durable
        await Task.WhenAll(
            step.Do("email", async _ => await Email(evt.Payload)),
            step.Do("ledger", async _ => await Ledger(charge)));
        return new { charge.Id, approvedBy = approval.Payload.By };
    }

    private static Task Email(OrderParams order) => Task.CompletedTask;

    private static Task<bool> Ledger(Charge charge) => Task.FromResult(charge.Id.Length > 0);
}
