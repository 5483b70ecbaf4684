namespace Workflows.Samples;

/// <summary>Params of <see cref="OrderWorkflow"/>.</summary>
/// <param name="SleepSeconds">How long the durable sleep between <c>reserve</c> and <c>charge</c> lasts.</param>
/// <param name="WaitForApproval">Whether the order waits for an <c>approval</c> event before <c>charge</c>.</param>
/// <param name="ChargeFailures">How many attempts of <c>charge</c> fail on purpose before it succeeds.</param>
/// <param name="RetryDelayMilliseconds">The constant delay between attempts of <c>charge</c> (over 2 s the instance sleeps between them).</param>
/// <param name="WorkMilliseconds">How long each step works after writing its ledger row (a window for a crash mid-step).</param>
public sealed record OrderParams(int SleepSeconds, bool WaitForApproval, int ChargeFailures, int RetryDelayMilliseconds = 100, int WorkMilliseconds = 0);
