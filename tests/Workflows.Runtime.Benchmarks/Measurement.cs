using System.Globalization;

namespace Workflows.Runtime.Benchmarks;

/// <summary>One row of the table: how many steps ran in how long, allocating how much.</summary>
public sealed record Measurement(string Scenario, long Steps, TimeSpan Elapsed, long AllocatedBytes)
{
    public static string Header =>
        "| scenario | steps | time | steps/s | µs per step | allocated per step |\n| --- | ---: | ---: | ---: | ---: | ---: |";

    public string Row => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {Steps:N0} | {Elapsed.TotalMilliseconds:N0} ms | {Steps / Elapsed.TotalSeconds:N0} | {Elapsed.TotalMicroseconds / Steps:N1} | {AllocatedBytes / (double)Steps / 1024:N1} KB |");
}
