namespace Workflows.FaultInjection.Tests;

/// <summary>One <c>order</c> instance of the workload: its id, its params, and the wave (phase) it was created in.</summary>
internal sealed record Order(string Id, int Wave, int SleepSeconds, bool WaitForApproval, int ChargeFailures, int RetryDelayMilliseconds)
{
    /// <summary>Each step works this long after writing its ledger row, so a kill lands mid-step now and then.</summary>
    public const int WorkMilliseconds = 150;

    /// <summary>A mix of every kind of step: sleeps of 1–4 s, a third wait for an event, two fifths retry (a tenth with a backoff long enough to suspend).</summary>
    public static Order Create(string run, int wave, int index) => new(
        $"order-{run}-{wave}-{index:D4}",
        wave,
        SleepSeconds: 1 + index % 4,
        WaitForApproval: index % 3 == 0,
        ChargeFailures: (index % 5) switch { 0 => 1, 1 => 2, _ => 0 },
        RetryDelayMilliseconds: index % 10 == 1 ? 2500 : 100);

    public object Params => new
    {
        sleepSeconds = SleepSeconds,
        waitForApproval = WaitForApproval,
        chargeFailures = ChargeFailures,
        retryDelayMilliseconds = RetryDelayMilliseconds,
        workMilliseconds = WorkMilliseconds,
    };
}
