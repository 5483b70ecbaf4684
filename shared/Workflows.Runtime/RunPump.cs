using System.Text;
using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>Drives the workflow body on its own synchronization context until it completes, fails or is idle (queue empty, nothing in flight).</summary>
internal sealed class RunPump(RunState state, WorkflowRuntimeOptions options, CancellationToken pause, CancellationToken terminate, bool rollingBack)
{
    private readonly WorkflowSynchronizationContext context = new();
    private Task<RollbackResult>? rolling;

    /// <summary>Runs the registered rollbacks with the instance's error (null when terminated); set once by the run.</summary>
    public Func<WorkflowStepException?, Task<RollbackResult>> RollBack { get; set; } = _ => Task.FromResult(new RollbackResult(true));

    public async Task<RunOutcome> ExecuteAsync(IWorkflowStep step, Func<IWorkflowStep, CancellationToken, Task<object?>> body)
    {
        Task<object?>? workflow = null;
        context.Post(_ =>
        {
            try
            {
                workflow = body(step, terminate);
            }
            catch (Exception ex)
            {
                workflow = Task.FromException<object?>(ex);
            }
            // Wakes the pump if the body finishes off the context (ConfigureAwait(false) in user code).
            workflow.ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }, null);

        var rollbackStarted = false;
        RunFailed? failure = null;
        while (true)
        {
            try
            {
                context.Drain();
            }
            catch (Exception ex)
            {
                // Only an async void method in user code can throw out of a posted callback.
                return RunOutcome.Failed(ex.GetType().Name, ex.Message);
            }

            if (state.FatalOutcome() is { } fatal)
                return fatal;
            if (terminate.IsCancellationRequested)
                return new RunTerminated();
            if (!rollbackStarted)
            {
                // Rollback mode starts the rollbacks once the replay can go no further; a failed run, once it has failed.
                if (workflow is { IsCompleted: true } || (rollingBack && state.Quiet))
                {
                    var outcome = workflow is { IsCompleted: true } ? Finish(workflow) : null;
                    if (!rollingBack && (outcome is not RunFailed f || state.Rollbacks().Count == 0))
                        return outcome!;
                    failure = rollingBack ? null : (RunFailed)outcome!;
                    StartRollback(failure is null ? null : new WorkflowStepException("", failure.ErrorName, failure.Message));
                    rollbackStarted = true;
                    continue;
                }
            }
            else if (rolling is { IsCompleted: true } rollback)
            {
                var result = rollback.IsCompletedSuccessfully
                    ? rollback.Result
                    : new RollbackResult(false, rollback.Exception?.InnerException?.GetType().Name ?? "Exception", rollback.Exception?.InnerException?.Message);
                return failure is null ? new RunRolledBack(result) : failure with { Rollback = result };
            }
            if (state.IdleOutcome(pause) is { } idle)
                return idle;

            try
            {
                await context.WaitAsync(terminate).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (terminate.IsCancellationRequested)
            {
                return new RunTerminated();
            }
        }
    }

    /// <summary>Starts the rollbacks on the pump (the next drain sets <see cref="rolling"/>), so their continuations stay on it.</summary>
    private void StartRollback(WorkflowStepException? error) =>
        context.Post(_ =>
        {
            Task<RollbackResult> running;
            try
            {
                running = RollBack(error);
            }
            catch (Exception ex)
            {
                running = Task.FromException<RollbackResult>(ex);
            }
            running.ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            rolling = running;
        }, null);

    /// <summary>Makes the pump look again (the run's state changed off the pump).</summary>
    public void Wake() => context.Post(static _ => { }, null);

    /// <summary>Runs step work on the thread pool; its ending is taken on the pump with the in-flight decrement, so idle is never seen early.</summary>
    public Task<T> StartInFlight<T>(Func<Task<Func<Task<T>>>> work)
    {
        var ending = new TaskCompletionSource<Task<T>>();
        state.InFlightStarted();
        _ = Task.Run(async () =>
        {
            Func<Task<T>> end;
            try
            {
                end = await work().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                end = () => state.FailInfrastructure<T>(ex);
            }
            context.Post(_ =>
            {
                state.InFlightEnded();
                ending.SetResult(end());
            }, null);
        });
        return ending.Task.Unwrap();
    }

    private RunOutcome Finish(Task<object?> workflow)
    {
        if (workflow.IsCanceled)
        {
            return terminate.IsCancellationRequested
                ? new RunTerminated()
                : RunOutcome.Failed(nameof(TaskCanceledException), "The workflow was cancelled.");
        }
        if (workflow.IsFaulted)
        {
            var error = workflow.Exception!.InnerException!;
            return error switch
            {
                WorkflowStepException step => RunOutcome.Failed(step.ErrorName, step.Message),
                OperationCanceledException when terminate.IsCancellationRequested => new RunTerminated(),
                _ => RunOutcome.Failed(error.GetType().Name, error.Message),
            };
        }

        string json;
        try
        {
            json = WorkflowJson.Serialize(workflow.Result);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return RunOutcome.Failed(ex.GetType().Name, $"The workflow's output cannot be serialized to JSON: {ex.Message}");
        }
        var size = Encoding.UTF8.GetByteCount(json);
        return size > options.MaxStepResultBytes
            ? RunOutcome.Failed(RuntimeErrorNames.PayloadTooLarge, $"The workflow's output is {size:N0} bytes of JSON; the limit is {options.MaxStepResultBytes:N0} bytes.")
            : RunOutcome.Completed(json);
    }
}
