using Workflows.Benchmarks.Results;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>One measurement. It writes into <c>result</c> as it goes, so what it reached survives a timeout.</summary>
internal interface IScenario
{
    /// <summary>The name <c>--only</c> takes.</summary>
    string Name { get; }

    /// <summary>False for the peer (Hangfire), which needs no engine.</summary>
    bool NeedsEngine { get; }

    /// <summary>Past this the scenario is cancelled and reported incomplete.</summary>
    TimeSpan Budget(BenchmarkOptions options);

    Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct);
}
