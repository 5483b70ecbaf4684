using System.Collections.Concurrent;
using Workflows.Runtime;

namespace Workflows.TestKit;

/// <summary>The environment's step replacements, by step name.</summary>
internal sealed class StepMocks : IStepOverrides
{
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task<object?>>> byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);

    public void Set(string stepName, Func<CancellationToken, Task<object?>> body) => byName[stepName] = body;

    public int Calls(string stepName) => calls.GetValueOrDefault(stepName);

    public Func<CancellationToken, Task<object?>>? Find(string instanceId, string stepName)
    {
        if (!byName.TryGetValue(stepName, out var body))
            return null;
        return ct =>
        {
            calls.AddOrUpdate(stepName, 1, (_, n) => n + 1);
            return body(ct);
        };
    }
}
