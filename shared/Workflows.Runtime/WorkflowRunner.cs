using System.Text;
using System.Text.Json;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Workflows.Runtime;

/// <summary>
/// Runs an instance's <c>RunAsync</c> with replay until it completes, fails or every branch waits,
/// and says which in a <see cref="RunOutcome"/>. It persists step outcomes through the
/// <see cref="IHistoryStore"/>; the instance's own status is the caller's to persist.
/// </summary>
public sealed class WorkflowRunner
{
    private readonly WorkflowRegistry registry;
    private readonly IHistoryStore store;
    private readonly IServiceProvider services;
    private readonly TimeProvider time;
    private readonly WorkflowRuntimeOptions options;
    private readonly IStepOverrides? overrides;
    private readonly IChildWorkflowStarter? children;
    private readonly ILogger logger;
    private readonly IRunEvents? events;

    /// <summary>Creates a runner.</summary>
    /// <param name="registry">The workflows it can run.</param>
    /// <param name="store">Step history and event inboxes.</param>
    /// <param name="services">Where workflows are built from (a scope per run).</param>
    /// <param name="time">The clock for sleeps, retries, deadlines and step timeouts.</param>
    /// <param name="options">Limits; validated here.</param>
    /// <param name="overrides">Optional step replacements (test mocks).</param>
    /// <param name="children">Starts child instances for <c>step.Invoke</c>; without it, Invoke fails.</param>
    /// <param name="logger">Opens the log scopes (instance, workflow, step, attempt) everything logged during a run carries.</param>
    /// <param name="events">Receives step attempts, sleeps, waits and progress as they happen; without it, they are not reported.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public WorkflowRunner(
        WorkflowRegistry registry,
        IHistoryStore store,
        IServiceProvider services,
        TimeProvider time,
        IOptions<WorkflowRuntimeOptions> options,
        IStepOverrides? overrides = null,
        IChildWorkflowStarter? children = null,
        ILogger<WorkflowRunner>? logger = null,
        IRunEvents? events = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.registry = registry;
        this.store = store;
        this.services = services;
        this.time = time;
        this.options = options.Value;
        this.overrides = overrides;
        this.children = children;
        this.logger = logger ?? NullLogger<WorkflowRunner>.Instance;
        this.events = events;
        var errors = this.options.Validate();
        if (errors.Count > 0)
            throw new OptionsValidationException(Options.DefaultName, typeof(WorkflowRuntimeOptions), errors);
    }

    /// <summary>
    /// Runs the instance from the top, replaying persisted steps, until it completes, fails, or every
    /// branch waits (sleep, event, long retry backoff). Store failures are thrown (the run can be retried);
    /// everything about the workflow itself is in the outcome.
    /// </summary>
    /// <param name="instance">The instance.</param>
    /// <param name="pauseRequested">When cancelled, no new step starts; in-flight steps finish and persist; the outcome is <see cref="RunPaused"/>.</param>
    /// <param name="terminate">When cancelled, in-flight steps' tokens fire, their attempts are not persisted, and the outcome is <see cref="RunTerminated"/>.</param>
    /// <param name="history">The generation's step records when the caller read them already (with its lease); null reads them from the store.</param>
    /// <returns>How the run ended.</returns>
    public async Task<RunOutcome> RunAsync(InstanceDescriptor instance, CancellationToken pauseRequested = default, CancellationToken terminate = default,
        IReadOnlyList<StepRecord>? history = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (terminate.IsCancellationRequested)
            return new RunTerminated();
        using var activity = WorkflowDiagnostics.StartRun(instance);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            [WorkflowDiagnostics.InstanceIdTag] = instance.InstanceId,
            [WorkflowDiagnostics.WorkflowTag] = instance.WorkflowName,
        });
        var (outcome, cpu) = await RunInSpanAsync(instance, pauseRequested, terminate, history).ConfigureAwait(false);
        activity?.SetTag(WorkflowDiagnostics.OutcomeTag, JsonNamingPolicy.CamelCase.ConvertName(outcome.GetType().Name["Run".Length..]));
        if (outcome is RunFailed failed)
            activity?.SetStatus(ActivityStatusCode.Error, failed.Message);
        if (outcome is RunCompleted or RunFailed)
        {
            var tags = new TagList
            {
                { WorkflowDiagnostics.WorkflowTag, instance.WorkflowName },
                { WorkflowDiagnostics.OutcomeTag, outcome is RunCompleted ? "complete" : "errored" },
            };
            WorkflowDiagnostics.InstanceDuration.Record(Math.Max(0, (time.GetUtcNow() - instance.CreatedAt).TotalSeconds), tags);
            if (cpu is { } total)
                WorkflowDiagnostics.InstanceCpuTime.Record(total.TotalSeconds, tags);
        }
        return outcome;
    }

    private async Task<(RunOutcome Outcome, TimeSpan? CpuTime)> RunInSpanAsync(InstanceDescriptor instance, CancellationToken pauseRequested, CancellationToken terminate,
        IReadOnlyList<StepRecord>? history)
    {
        var registration = registry.Find(instance.WorkflowName);
        if (registration is null)
            return (RunOutcome.Failed(RuntimeErrorNames.UnknownWorkflow, $"No workflow named '{instance.WorkflowName}' is registered in this process."), null);

        var paramsJson = string.IsNullOrWhiteSpace(instance.ParamsJson) ? "null" : instance.ParamsJson;
        var size = Encoding.UTF8.GetByteCount(paramsJson);
        if (size > options.MaxParamsBytes)
            return (RunOutcome.Failed(RuntimeErrorNames.PayloadTooLarge, $"The params are {size:N0} bytes of JSON; the limit is {options.MaxParamsBytes:N0} bytes."), null);
        object? payload;
        try
        {
            payload = WorkflowJson.Deserialize(paramsJson, registration.ParamsType);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return (RunOutcome.Failed(RuntimeErrorNames.InvalidParams, $"The params are not valid for {registration.ParamsType.Name}: {ex.Message}"), null);
        }
        if (payload is null && registration.ParamsType.IsValueType && Nullable.GetUnderlyingType(registration.ParamsType) is null)
            return (RunOutcome.Failed(RuntimeErrorNames.InvalidParams, $"The params are null, but {registration.ParamsType.Name} needs a value."), null);

        history ??= await store.LoadStepsAsync(instance.InstanceId, instance.Generation, terminate).ConfigureAwait(false);
        await using var scope = services.CreateAsyncScope();
        var run = new WorkflowRun(instance, history, store, time, options, overrides, children, pauseRequested, terminate, logger, events);
        var outcome = await run.ExecuteAsync((step, ct) => registration.InvokeAsync(scope.ServiceProvider, payload, instance, step, ct)).ConfigureAwait(false);
        if (events is not null)
            await events.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return (outcome, ThreadCpuClock.IsSupported ? run.CpuTime : null);
    }
}
