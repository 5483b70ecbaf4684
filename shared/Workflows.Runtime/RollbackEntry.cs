using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>The rollback of one completed step: its record, its retry config, and the undo with the step's output bound.</summary>
internal sealed record RollbackEntry(StepRecord Step, StepConfig Config, Func<WorkflowStepException?, CancellationToken, Task> Undo);
