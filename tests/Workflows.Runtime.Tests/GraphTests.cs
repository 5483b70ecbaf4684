using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class GraphTests
{
    private static Func<WorkflowEvent<System.Text.Json.JsonElement>, IWorkflowStep, CancellationToken, Task<object?>> Diamond(Script script) =>
        async (_, step, _) =>
        {
            var dag = step.Graph();
            var a = dag.Do("a", async _ =>
            {
                script.Hit("a");
                await Task.Yield();
                return 1;
            });
            var b = dag.Do("b", a, (x, _) =>
            {
                script.Hit("b");
                return x + 1;
            });
            var c = dag.Do("c", a, (x, _) =>
            {
                script.Hit("c");
                return x + 2;
            });
            var d = dag.Do("d", b, c, (x, y, _) =>
            {
                script.Hit("d");
                return x + y;
            }, concurrent: true);
            return new { d = await d, aRuns = a.Attempts };
        };

    [Fact]
    public async Task Diamond_runs_its_shared_dependency_once_and_joins_both_branches()
    {
        using var h = new Harness();
        h.Script.Body = Diamond(h.Script);

        var outcome = await h.RunAsync();

        Assert.Equal("""{"d":5,"aRuns":1}""", outcome.CompletedJson());
        Assert.Equal([1, 1, 1, 1], new[] { "a", "b", "c", "d" }.Select(h.Script.Count));
        Assert.Equal("1", (await h.StepAsync("a")).ResultJson);
        Assert.Equal("5", (await h.StepAsync("d")).ResultJson);
    }

    [Fact]
    public async Task Replay_returns_the_persisted_node_results_without_running_them_again()
    {
        using var h = new Harness();
        h.Script.Body = async (evt, step, ct) =>
        {
            var dag = step.Graph();
            var a = dag.Do("a", _ => Task.FromResult(h.Script.Hit("a")));
            var b = dag.Do("b", a, (x, _) => x + h.Script.Hit("b"));
            var c = dag.Do("c", a, (x, _) => x + h.Script.Hit("c"));
            var first = await b;
            await step.Sleep("nap", "1 minute");
            return first + await c;
        };

        (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var outcome = await h.RunAsync();

        Assert.Equal("4", outcome.CompletedJson());
        Assert.Equal([1, 1, 1], new[] { "a", "b", "c" }.Select(h.Script.Count));
    }

    [Fact]
    public async Task Concurrent_dependencies_run_at_the_same_time_when_asked()
    {
        using var h = new Harness();
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        async Task<int> Node(CancellationToken ct)
        {
            if (Interlocked.Increment(ref started) == 2)
                bothStarted.SetResult();
            // Each waits for the other: only concurrent nodes both get here.
            await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
            return 1;
        }
        h.Script.Body = async (_, step, _) =>
        {
            var dag = step.Graph();
            var left = dag.Do("left", Node);
            var right = dag.Do("right", Node);
            return await dag.Do("sum", left, right, (x, y, _) => x + y, concurrent: true);
        };

        Assert.Equal("2", (await h.RunAsync()).CompletedJson());
    }

    [Fact]
    public async Task Without_concurrent_the_second_dependency_starts_after_the_first_is_done()
    {
        using var h = new Harness();
        var order = new List<string>();
        h.Script.Body = async (_, step, _) =>
        {
            var dag = step.Graph();
            var left = dag.Do("left", async _ =>
            {
                order.Add("left start");
                await Task.Delay(50);
                order.Add("left end");
                return 1;
            });
            var right = dag.Do("right", _ =>
            {
                order.Add("right start");
                return 2;
            });
            return await dag.Do("sum", left, right, (x, y, _) => x + y);
        };

        Assert.Equal("3", (await h.RunAsync()).CompletedJson());
        Assert.Equal(["left start", "left end", "right start"], order);
    }

    [Fact]
    public async Task A_failed_dependency_fails_its_dependents_with_the_same_error_without_running_them()
    {
        using var h = new Harness();
        var errors = new List<(string, string)>();
        h.Script.Body = async (_, step, _) =>
        {
            var dag = step.Graph();
            var a = dag.Do("a", _ => Task.FromException<int>(new NonRetryableException("a broke")));
            var b = dag.Do("b", a, (x, _) => h.Script.Hit("b") + x);
            var c = dag.Do("c", a, (x, _) => h.Script.Hit("c") + x);
            foreach (var node in new[] { b, c })
            {
                try
                {
                    await node;
                }
                catch (WorkflowStepException e)
                {
                    errors.Add((e.ErrorName, e.Message));
                }
            }
            return await b;
        };

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(("NonRetryableException", "a broke"), (failed.ErrorName, failed.Message));
        Assert.Equal([("NonRetryableException", "a broke"), ("NonRetryableException", "a broke")], errors);
        Assert.Equal(0, h.Script.Count("b") + h.Script.Count("c"));
        Assert.Null(await h.FindStepAsync("b"));
    }

    [Fact]
    public void Two_nodes_with_one_name_are_refused()
    {
        var graph = new WorkflowGraph(new NoSteps());
        graph.Do("a", _ => Task.FromResult(1));

        Assert.Throws<ArgumentException>(() => graph.Do("a", _ => Task.FromResult(2)));
    }

    private sealed class NoSteps : IWorkflowStep
    {
        public Task<T> Do<T>(string name, Func<CancellationToken, Task<T>> fn) => throw new NotSupportedException();
        public Task<T> Do<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn) => throw new NotSupportedException();
        public Task Do(string name, Func<CancellationToken, Task> fn) => throw new NotSupportedException();
        public Task Do(string name, StepConfig config, Func<CancellationToken, Task> fn) => throw new NotSupportedException();
        public Task<T> Do<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn, Func<StepContext, T, WorkflowStepException?, CancellationToken, Task> rollback, StepConfig? rollbackConfig = null) => throw new NotSupportedException();
        public Task ReportProgress(object? progress) => throw new NotSupportedException();
        public Task Sleep(string name, Duration duration) => throw new NotSupportedException();
        public Task SleepUntil(string name, DateTimeOffset until) => throw new NotSupportedException();
        public Task<WorkflowEventReceived<T>> WaitForEvent<T>(string name, WaitForEventOptions options) => throw new NotSupportedException();
        public int AttemptsOf(string name, int occurrence = 1) => 0;
        public Task<TResult> Invoke<TResult>(string name, string workflow, object? parameters, ChildWorkflowOptions? options = null) => throw new NotSupportedException();
    }
}
