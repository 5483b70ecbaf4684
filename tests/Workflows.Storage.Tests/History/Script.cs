using System.Collections.Concurrent;
using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Storage.Tests.History;

/// <summary>The body of <see cref="ScriptedWorkflow"/> plus side-effect counters that outlive every runner.</summary>
public sealed class Script
{
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);

    public Func<WorkflowEvent<JsonElement>, IWorkflowStep, CancellationToken, Task<object?>> Body { get; set; } =
        (_, _, _) => Task.FromResult<object?>(null);

    /// <summary>Counts a side effect and returns how many times it happened so far (this one included).</summary>
    public int Hit(string name) => calls.AddOrUpdate(name, 1, (_, n) => n + 1);

    public int Count(string name) => calls.GetValueOrDefault(name);
}
