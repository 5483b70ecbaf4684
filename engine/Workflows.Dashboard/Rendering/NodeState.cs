namespace Workflows.Dashboard.Rendering;

/// <summary>What a diagram node shows for one instance: a state (CSS class and <c>data-state</c>), its text and, in a loop, how many times it ran.</summary>
/// <param name="State">done, running, retrying, waiting, failed or notReached.</param>
/// <param name="Text">What the node's badge says (attempt, wait, error).</param>
/// <param name="Runs">How many step rows matched the node (more than one in a loop).</param>
internal sealed record NodeState(string State, string Text, int Runs)
{
    public const string Done = "done";
    public const string Running = "running";
    public const string Retrying = "retrying";
    public const string Waiting = "waiting";
    public const string Failed = "failed";
    public const string NotReached = "notReached";

    public static readonly NodeState Unreached = new(NotReached, "not reached", 0);
}
