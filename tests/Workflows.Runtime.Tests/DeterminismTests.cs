namespace Workflows.Runtime.Tests;

public class DeterminismTests
{
    [Fact]
    public async Task A_step_key_replayed_as_a_different_kind_fails_the_instance_naming_the_step()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await step.Sleep("pause here", "1 hour");
            return null;
        });
        (await h.RunAsync()).Suspended();

        h.Script.Body = async (_, step, _) =>
        {
            await step.Do("pause here", _ => Task.FromResult(1));
            return null;
        };
        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(RuntimeErrorNames.NonDeterministicWorkflow, failed.ErrorName);
        Assert.Contains("'pause here#1'", failed.Message, StringComparison.Ordinal);
        Assert.Contains("Sleep", failed.Message, StringComparison.Ordinal);
    }
}
