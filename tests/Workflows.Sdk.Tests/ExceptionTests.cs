namespace Workflows.Sdk.Tests;

public class ExceptionTests
{
    [Fact]
    public void Step_exception_carries_step_error_name_and_message()
    {
        var error = new WorkflowStepException("charge card", "InvalidOperationException", "card declined");

        Assert.Equal("charge card", error.StepName);
        Assert.Equal("InvalidOperationException", error.ErrorName);
        Assert.Equal("card declined", error.Message);
    }

    [Fact]
    public void Timeout_exception_is_an_ordinary_catchable_exception()
    {
        Exception error = new WorkflowTimeoutException("wait", "timed out");

        var caught = error is WorkflowTimeoutException { StepName: "wait", Message: "timed out" };

        Assert.True(caught);
    }
}
