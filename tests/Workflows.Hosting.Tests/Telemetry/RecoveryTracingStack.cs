using Workflows.Testing;

namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>The traced stack with short deadlines, so the reconciler re-dispatches a lost run within seconds.</summary>
public sealed class RecoveryTracingStack : TracingStack
{
    protected override IReadOnlyDictionary<string, string?> Tuning => new Dictionary<string, string?>(FastRecoveryStack.Settings)
    {
        // The create must be answered while the machine is loaded; only the run is meant to be lost.
        ["Api:RequestTimeout"] = "00:00:30",
    };
}
