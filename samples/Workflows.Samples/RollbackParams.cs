namespace Workflows.Samples;

/// <summary>Params of <see cref="RollbackWorkflow"/>.</summary>
/// <param name="FailAt">The step that fails: <c>s{failAt}</c> (1–3), or, past 3, a step of that name after <c>s3</c>.</param>
/// <param name="RollbackMilliseconds">How long each rollback works (to kill an Executor during one); default 0.</param>
public sealed record RollbackParams(int FailAt, int RollbackMilliseconds = 0);
