using Workflows.Sdk;

namespace Workflows.TestKit.Tests;

[Workflow("order-fulfilment")]
public sealed class OrderWorkflow(IPayments payments) : WorkflowEntrypoint<OrderParams>
{
    public override async Task<object?> RunAsync(WorkflowEvent<OrderParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var charge = await step.Do("charge card",
            new StepConfig { Retries = new(Limit: 3, Delay: "5 seconds", Backoff: Backoff.Exponential), Timeout = "1 minute" },
            async stepCt => await payments.ChargeAsync(evt.Payload.OrderId, stepCt));

        await step.Sleep("cool-off", "1 hour");

        var approval = await step.WaitForEvent<Approval>("manager approval",
            new WaitForEventOptions { Type = "approval", Timeout = "24 hours" });

        if (!approval.Payload.Approved)
            throw new NonRetryableException("rejected by " + approval.Payload.By);

        await step.Do("email", _ => Task.CompletedTask);
        return new { charge.Id, approvedBy = approval.Payload.By };
    }
}
