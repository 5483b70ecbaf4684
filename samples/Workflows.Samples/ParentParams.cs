namespace Workflows.Samples;

/// <summary>Params of <see cref="ParentWorkflow"/>.</summary>
/// <param name="Children">How many <c>child</c> instances to invoke concurrently.</param>
/// <param name="FailAt">The child (1-based) told to fail, if any.</param>
/// <param name="ChildSleepSeconds">How long each child sleeps before its step (to find children still running); default 0.</param>
public sealed record ParentParams(int Children, int? FailAt = null, int ChildSleepSeconds = 0);
