namespace Workflows.Runtime.Tests;

internal static class Outcomes
{
    public static string CompletedJson(this RunOutcome outcome) => Assert.IsType<RunCompleted>(outcome).OutputJson;

    public static RunSuspended Suspended(this RunOutcome outcome) => Assert.IsType<RunSuspended>(outcome);

    public static RunFailed Failed(this RunOutcome outcome) => Assert.IsType<RunFailed>(outcome);
}
