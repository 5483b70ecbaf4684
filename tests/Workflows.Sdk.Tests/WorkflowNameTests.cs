namespace Workflows.Sdk.Tests;

public class WorkflowNameTests
{
    [Theory]
    [InlineData("OrderWorkflow", "order")]
    [InlineData("SendInvoiceEmailWorkflow", "send-invoice-email")]
    [InlineData("HTTPPollerWorkflow", "http-poller")]
    [InlineData("Sync2Workflow", "sync2")]
    [InlineData("Billing", "billing")]
    [InlineData("Workflow", "workflow")]
    public void Default_name_is_kebab_case_without_a_trailing_Workflow(string className, string expected)
    {
        Assert.Equal(expected, WorkflowAttribute.DefaultName(className));
    }

    [Fact]
    public void The_attribute_name_wins_over_the_default()
    {
        Assert.Equal("order-fulfilment", WorkflowAttribute.NameOf(typeof(OrderWorkflow)));
    }

    [Fact]
    public void A_class_without_the_attribute_gets_the_default_name()
    {
        Assert.Equal("plain", WorkflowAttribute.NameOf(typeof(PlainWorkflow)));
    }

    private sealed class PlainWorkflow : WorkflowEntrypoint<int>
    {
        public override Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct) =>
            Task.FromResult<object?>(evt.Payload);
    }
}
