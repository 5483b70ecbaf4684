using System.Text;
using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>Drives the workflow body on its own synchronization context until it completes, fails or is idle (queue empty, nothing in flight).</summary>
internal sealed class RunPump(RunState state, WorkflowRuntimeOptions options, CancellationToken pause, CancellationToken terminate)
{
    private readonly WorkflowSynchronizationContext context = new();

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
            if (workflow is { IsCompleted: true })
                return Finish(workflow);
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
