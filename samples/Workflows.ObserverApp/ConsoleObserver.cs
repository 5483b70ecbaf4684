using System.Text.Json;
using Workflows.Client.Observers;

namespace Workflows.ObserverApp;

/// <summary>Prints one line per event: <c>observed {kind} {instance} {message id} {data}</c> (the tests read these lines).</summary>
public sealed class ConsoleObserver : ILifecycleObserver
{
    public Task OnProgress(LifecycleEvent evt, CancellationToken ct) => Print(evt, evt.Progress?.GetRawText());

    public Task OnCompleted(LifecycleEvent evt, CancellationToken ct) => Print(evt, evt.Output?.GetRawText());

    public Task OnErrored(LifecycleEvent evt, CancellationToken ct) => Print(evt, JsonSerializer.Serialize(new { evt.ErrorName, evt.ErrorMessage }));

    public Task OnTerminated(LifecycleEvent evt, CancellationToken ct) => Print(evt, null);

    private static Task Print(LifecycleEvent evt, string? data) =>
        Console.Out.WriteLineAsync($"observed {evt.Kind} {evt.InstanceId} {evt.MessageId:N} {data}");
}
