namespace Workflows.Client.Observers.Tests;

/// <summary>An observer in its own process (the ObserverApp sample) hears the lifecycle events of the workflows it selects.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class ObserverTests(LifecycleStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_observer_in_another_process_receives_progress_completed_errored_and_terminated_for_the_workflows_it_filters()
    {
        var queue = $"observer-{Guid.NewGuid():N}";
        await using var observer = ObserverProcess.Start(stack.Infrastructure.RabbitMqUri, queue, "progress,flaky,approval");
        await WaitForConsumerAsync(queue, observer);

        var progress = await stack.CreateAsync("progress", new { steps = 2, stepMilliseconds = 10 });
        var failing = await stack.CreateAsync("flaky", new { failures = 5, limit = 1 });
        var waiting = await stack.CreateAsync("approval", new { timeout = "1 hour" });
        var ignored = await stack.CreateAsync("echo", new { x = 1 });
        await stack.WaitForStatusAsync("approval", waiting, Patience, "waiting");
        using (var terminate = await stack.Api.PostAsync($"api/workflows/approval/instances/{waiting}/terminate", null))
            terminate.EnsureSuccessStatusCode();
        await stack.WaitForStatusAsync("progress", progress, Patience, "complete");
        await stack.WaitForStatusAsync("flaky", failing, Patience, "errored");
        await stack.WaitForStatusAsync("echo", ignored, Patience, "complete");

        var deadline = DateTime.UtcNow + Patience;
        bool Heard(string kind, string id) => observer.Observed.Any(o => o.Kind == kind && o.InstanceId == id);
        while (!(Heard("Completed", progress) && Heard("Errored", failing) && Heard("Terminated", waiting)) && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        var heard = observer.Observed;
        Assert.True(Heard("Completed", progress), observer.Output);
        Assert.Equal(["Progress", "Progress", "Completed"], heard.Where(o => o.InstanceId == progress).Select(o => o.Kind));
        Assert.Equal(["Errored"], heard.Where(o => o.InstanceId == failing).Select(o => o.Kind));
        Assert.Equal(["Terminated"], heard.Where(o => o.InstanceId == waiting).Select(o => o.Kind));
        Assert.DoesNotContain(heard, o => o.InstanceId == ignored);
        Assert.Contains("{\"done\":2}", observer.Output);
    }

    private async Task WaitForConsumerAsync(string queue, ObserverProcess observer)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if ((await stack.Infrastructure.QueuesAsync()).Any(q => q.Name == queue && q.Consumers > 0))
                return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"the observer's queue {queue} got no consumer; the observer printed:\n{observer.Output}");
    }
}
