namespace Workflows.Runtime.Tests;

public class CpuTimeTests
{
    [Fact]
    public async Task A_step_is_charged_the_cpu_of_every_synchronous_segment_on_whichever_thread_it_ran()
    {
        Assert.True(ThreadCpuClock.IsSupported, "the thread CPU clock is read on Linux");
        using var h = new Harness();
        h.Script.Body = async (_, step, _) => await step.Do("burn", async _ =>
        {
            Burn(TimeSpan.FromMilliseconds(60));
            await Task.Yield();
            Burn(TimeSpan.FromMilliseconds(60));
            await Task.Delay(20);
            Burn(TimeSpan.FromMilliseconds(60));
            return 1;
        });

        var outcome = await h.RunAsync();

        Assert.Equal("1", outcome.CompletedJson());
        // 180 ms burned in three segments (after each await on another pool thread): counting only the first would give 60.
        var cpu = (await h.StepAsync("burn")).CpuTime!.Value;
        Assert.InRange(cpu.TotalMilliseconds, 175, 1000);
    }

    [Fact]
    public async Task Waiting_is_not_cpu_time_and_retries_add_up()
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            await step.Do("idle", async ct =>
            {
                await Task.Delay(300, ct);
                return 1;
            });
            return await step.Do("retried", new Sdk.StepConfig { Retries = new(2, 0, Sdk.Backoff.Constant) }, _ =>
            {
                Burn(TimeSpan.FromMilliseconds(40));
                return h.Script.Hit("retried") < 3 ? throw new InvalidOperationException("again") : Task.FromResult(2);
            });
        };

        var outcome = await h.RunAsync();

        Assert.Equal("2", outcome.CompletedJson());
        Assert.InRange((await h.StepAsync("idle")).CpuTime!.Value.TotalMilliseconds, 0, 50);
        var retried = await h.StepAsync("retried");
        Assert.Equal(3, retried.Attempts);
        Assert.InRange(retried.CpuTime!.Value.TotalMilliseconds, 115, 1000);
    }

    /// <summary>Spins until this thread has used <paramref name="cpu"/> of CPU (wall time would count descheduled time too).</summary>
    private static void Burn(TimeSpan cpu)
    {
        var until = ThreadCpuClock.NowNanoseconds() + (long)(cpu.TotalMilliseconds * 1_000_000);
        while (ThreadCpuClock.NowNanoseconds() < until)
            Thread.SpinWait(100);
    }
}
