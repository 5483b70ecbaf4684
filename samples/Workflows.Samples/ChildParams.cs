using System.Text.Json.Serialization;

namespace Workflows.Samples;

/// <summary>Params of <see cref="ChildWorkflow"/>.</summary>
/// <param name="I">The child's number.</param>
/// <param name="Fail">When true, the child fails non-retryably.</param>
/// <param name="SleepSeconds">How long the child sleeps before its step; default 0 (not sent).</param>
public sealed record ChildParams(
    int I,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Fail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int SleepSeconds = 0);
