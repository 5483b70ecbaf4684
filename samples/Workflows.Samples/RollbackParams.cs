namespace Workflows.Samples;

/// <summary>Params of <see cref="RollbackWorkflow"/>.</summary>
/// <param name="FailAt">The step that fails: <c>s{failAt}</c> (1–3), or, past 3, a step of that name after <c>s3</c>; 0: none.</param>
/// <param name="RollbackMilliseconds">How long each rollback works (to kill an Executor during one); default 0.</param>
/// <param name="SleepSeconds">How long to sleep after the steps before the output (to terminate it with rollback meanwhile); default 0.</param>
public sealed record RollbackParams(int FailAt, int RollbackMilliseconds = 0, int SleepSeconds = 0);
