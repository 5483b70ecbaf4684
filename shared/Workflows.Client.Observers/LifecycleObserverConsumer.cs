using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Contracts;

namespace Workflows.Client.Observers;

/// <summary>One observer's endpoint: turns each lifecycle contract into a <see cref="LifecycleEvent"/> and calls the observer when its filters select the instance.</summary>
/// <param name="registration">The observer.</param>
/// <param name="services">Where the observer is resolved from, in a new scope per event.</param>
public sealed class LifecycleObserverConsumer(LifecycleObserverRegistration registration, IServiceProvider services) :
    IConsumer<InstanceCreated>, IConsumer<InstanceStarted>, IConsumer<InstanceProgress>, IConsumer<InstancePaused>,
    IConsumer<InstanceResumed>, IConsumer<InstanceCompleted>, IConsumer<InstanceErrored>, IConsumer<InstanceTerminated>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<InstanceCreated> context)
    {
        var m = context.Message;
        return Notify(context, new LifecycleEvent(LifecycleEventKind.Created, m.InstanceId, m.Workflow, m.Generation, m.Timestamp, context.MessageId, m.Metadata),
            (o, e, ct) => o.OnCreated(e, ct));
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InstanceStarted> context)
    {
        var m = context.Message;
        return Notify(context, new LifecycleEvent(LifecycleEventKind.Started, m.InstanceId, m.Workflow, m.Generation, m.Timestamp, context.MessageId, m.Metadata),
            (o, e, ct) => o.OnStarted(e, ct));
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InstanceProgress> context)
    {
        var m = context.Message;
        // A status change without a payload is the engine's own news, not the workflow's progress.
        if (m.Payload is null)
            return Task.CompletedTask;
        return Notify(context, new LifecycleEvent(LifecycleEventKind.Progress, m.InstanceId, m.Workflow, m.Generation, m.Timestamp, context.MessageId, m.Metadata, Progress: m.Payload),
            (o, e, ct) => o.OnProgress(e, ct));
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InstancePaused> context)
    {
        var m = context.Message;
        return Notify(context, new LifecycleEvent(LifecycleEventKind.Paused, m.InstanceId, m.Workflow, m.Generation, m.Timestamp, context.MessageId, m.Metadata),
            (o, e, ct) => o.OnPaused(e, ct));
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InstanceResumed> context)
    {
        var m = context.Message;
        return Notify(context, new LifecycleEvent(LifecycleEventKind.Resumed, m.InstanceId, m.Workflow, m.Generation, m.Timestamp, context.MessageId, m.Metadata),
            (o, e, ct) => o.OnResumed(e, ct));
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InstanceCompleted> context)
    {
        var m = context.Message;
        var output = m.OutputJson is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonDocument.Parse(m.OutputJson).RootElement.Clone();
        return Notify(context, new LifecycleEvent(LifecycleEventKind.Completed, m.InstanceId, m.Workflow, m.Generation, m.Timestamp, context.MessageId, m.Metadata, Output: output),
            (o, e, ct) => o.OnCompleted(e, ct));
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InstanceErrored> context)
    {
        var m = context.Message;
        return Notify(context, new LifecycleEvent(LifecycleEventKind.Errored, m.InstanceId, m.Workflow, m.Generation, m.Timestamp, context.MessageId, m.Metadata,
                ErrorName: m.ErrorName, ErrorMessage: m.ErrorMessage),
            (o, e, ct) => o.OnErrored(e, ct));
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InstanceTerminated> context)
    {
        var m = context.Message;
        return Notify(context, new LifecycleEvent(LifecycleEventKind.Terminated, m.InstanceId, m.Workflow, m.Generation, m.Timestamp, context.MessageId, m.Metadata),
            (o, e, ct) => o.OnTerminated(e, ct));
    }

    private async Task Notify(ConsumeContext context, LifecycleEvent evt, Func<ILifecycleObserver, LifecycleEvent, CancellationToken, Task> call)
    {
        if (!registration.Options.Selects(evt.Workflow, evt.Metadata))
            return;
        await using var scope = services.CreateAsyncScope();
        var observer = (ILifecycleObserver)scope.ServiceProvider.GetRequiredService(registration.ObserverType);
        await call(observer, evt, context.CancellationToken);
    }
}
