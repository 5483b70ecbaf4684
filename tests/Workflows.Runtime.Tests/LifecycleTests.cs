namespace Workflows.Runtime.Tests;

public class LifecycleTests
{
    [Fact]
    public async Task Pause_lets_the_in_flight_step_finish_and_starts_no_new_step()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource<int>();
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            var a = await step.Do("a", _ =>
            {
                h.Script.Hit("a");
                started.TrySetResult();
                return release.Task;
            });
            var b = await step.Do("b", _ => Task.FromResult(h.Script.Hit("b")));
            return a + b;
        };
        using var pause = new CancellationTokenSource();

        var run = h.RunAsync(pause.Token);
        await started.Task;
        await pause.CancelAsync();
        release.SetResult(10);
        var paused = await run;
        var stepA = await h.StepAsync("a");
        var resumed = await h.RunAsync();

        Assert.IsType<RunPaused>(paused);
        Assert.Equal((StepStatus.Complete, "10"), (stepA.Status, stepA.ResultJson));
        Assert.Equal("11", resumed.CompletedJson());
        Assert.Equal(1, h.Script.Count("a"));
        Assert.Equal(1, h.Script.Count("b"));
    }

    [Fact]
    public async Task Pause_requested_before_the_run_starts_no_step_at_all()
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) => await step.Do("a", _ => Task.FromResult(h.Script.Hit("a")));
        using var pause = new CancellationTokenSource();
        await pause.CancelAsync();

        var outcome = await h.RunAsync(pause.Token);

        Assert.IsType<RunPaused>(outcome);
        Assert.Equal(0, h.Script.Count("a"));
    }

    [Fact]
    public async Task Terminate_cancels_the_in_flight_step_and_persists_nothing_for_it()
    {
        var started = new TaskCompletionSource();
        var stepSawCancellation = new TaskCompletionSource<bool>();
        using var h = new Harness(async (_, step, _) =>
        {
            await step.Do("done", _ => Task.FromResult(1));
            await step.Do("long", async ct =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    stepSawCancellation.SetResult(ct.IsCancellationRequested);
                    throw;
                }
            });
            return null;
        });
        using var terminate = new CancellationTokenSource();

        var run = h.RunAsync(terminate: terminate.Token);
        await started.Task;
        await terminate.CancelAsync();
        var outcome = await run;

        Assert.IsType<RunTerminated>(outcome);
        Assert.True(await stepSawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await Task.Delay(20);
        Assert.Null(await h.FindStepAsync("long"));
        Assert.NotNull(await h.FindStepAsync("done"));
    }

    [Fact]
    public async Task Unknown_workflow_name_fails_with_a_clear_message()
    {
        using var h = new Harness();
        h.Instance = h.Instance with { WorkflowName = "nope" };

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(RuntimeErrorNames.UnknownWorkflow, failed.ErrorName);
        Assert.Contains("'nope'", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Params_that_do_not_fit_the_params_type_fail_with_a_clear_message()
    {
        using var h = new Harness();
        h.Instance = h.Instance with { ParamsJson = "{not json" };

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(RuntimeErrorNames.InvalidParams, failed.ErrorName);
    }

    [Fact]
    public async Task A_store_failure_is_thrown_to_the_caller_so_the_run_can_be_retried()
    {
        using var h = new Harness(async (_, step, _) => await step.Do("a", _ => Task.FromResult(1)));
        var runner = new WorkflowRunner(
            new WorkflowRegistry([WorkflowRegistration.Create<ScriptedWorkflow>()]),
            new FailingStore(),
            new SingleServiceProvider(h.Script),
            h.Time,
            Microsoft.Extensions.Options.Options.Create(new WorkflowRuntimeOptions()));

        var error = await Assert.ThrowsAsync<IOException>(() => runner.RunAsync(h.Instance));

        Assert.Equal("disk on fire", error.Message);
    }

    private sealed class FailingStore : IHistoryStore
    {
        private readonly InMemoryHistoryStore inner = new();

        public Task<IReadOnlyList<StepRecord>> LoadStepsAsync(string instanceId, long generation, CancellationToken ct = default) => inner.LoadStepsAsync(instanceId, generation, ct);

        public Task SaveStepAsync(string instanceId, long generation, StepRecord step, CancellationToken ct = default) => throw new IOException("disk on fire");

        public Task<bool> AppendEventAsync(InboxEvent evt, CancellationToken ct = default) => inner.AppendEventAsync(evt, ct);

        public Task<InboxEvent?> TryConsumeEventAsync(string instanceId, long generation, StepRecord waitingStep, DateTimeOffset now, CancellationToken ct = default) =>
            inner.TryConsumeEventAsync(instanceId, generation, waitingStep, now, ct);

        public Task<int> CopyStepsBeforeAsync(string instanceId, long fromGeneration, long toGeneration, string fromStepKey, CancellationToken ct = default) =>
            inner.CopyStepsBeforeAsync(instanceId, fromGeneration, toGeneration, fromStepKey, ct);
    }

    private sealed class SingleServiceProvider(Script script) : IServiceProvider, Microsoft.Extensions.DependencyInjection.IServiceScopeFactory, Microsoft.Extensions.DependencyInjection.IServiceScope
    {
        public IServiceProvider ServiceProvider => this;

        public object? GetService(Type serviceType) =>
            serviceType == typeof(Script) ? script
            : serviceType == typeof(Microsoft.Extensions.DependencyInjection.IServiceScopeFactory) ? this
            : null;

        public Microsoft.Extensions.DependencyInjection.IServiceScope CreateScope() => this;

        public void Dispose()
        {
        }
    }
}
