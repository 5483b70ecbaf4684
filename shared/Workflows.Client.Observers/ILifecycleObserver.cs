namespace Workflows.Client.Observers;

/// <summary>
/// Receives the lifecycle events of the instances its <see cref="LifecycleObserverOptions"/> select; implement the methods
/// you need (the others do nothing). Registered with <c>AddWorkflowsClient().AddLifecycleObserver&lt;T&gt;()</c>; one instance
/// per event, from a new DI scope. An exception makes the event be delivered again (MassTransit's retries, then its error queue).
/// </summary>
public interface ILifecycleObserver
{
    /// <summary>An instance was created.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Fires when the service stops.</param>
    /// <returns>A task that completes when handled.</returns>
    Task OnCreated(LifecycleEvent evt, CancellationToken ct) => Task.CompletedTask;

    /// <summary>An instance began running.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Fires when the service stops.</param>
    /// <returns>A task that completes when handled.</returns>
    Task OnStarted(LifecycleEvent evt, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A workflow reported progress (<see cref="LifecycleEvent.Progress"/>); status changes are not reported here.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Fires when the service stops.</param>
    /// <returns>A task that completes when handled.</returns>
    Task OnProgress(LifecycleEvent evt, CancellationToken ct) => Task.CompletedTask;

    /// <summary>An instance paused.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Fires when the service stops.</param>
    /// <returns>A task that completes when handled.</returns>
    Task OnPaused(LifecycleEvent evt, CancellationToken ct) => Task.CompletedTask;

    /// <summary>An instance resumed.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Fires when the service stops.</param>
    /// <returns>A task that completes when handled.</returns>
    Task OnResumed(LifecycleEvent evt, CancellationToken ct) => Task.CompletedTask;

    /// <summary>An instance completed (<see cref="LifecycleEvent.Output"/>).</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Fires when the service stops.</param>
    /// <returns>A task that completes when handled.</returns>
    Task OnCompleted(LifecycleEvent evt, CancellationToken ct) => Task.CompletedTask;

    /// <summary>An instance failed for good (<see cref="LifecycleEvent.ErrorName"/>, <see cref="LifecycleEvent.ErrorMessage"/>).</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Fires when the service stops.</param>
    /// <returns>A task that completes when handled.</returns>
    Task OnErrored(LifecycleEvent evt, CancellationToken ct) => Task.CompletedTask;

    /// <summary>An instance was terminated.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="ct">Fires when the service stops.</param>
    /// <returns>A task that completes when handled.</returns>
    Task OnTerminated(LifecycleEvent evt, CancellationToken ct) => Task.CompletedTask;
}
