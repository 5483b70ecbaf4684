using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Workflows.Client.Observers.Tests;

/// <summary>An HTTP endpoint on 127.0.0.1 that records every POST and answers 500 to the first <c>failures</c> of them.</summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private int remainingFailures;

    public CallbackReceiver(int failures)
    {
        remainingFailures = failures;
        var port = Workflows.Testing.ServiceProcess.FreePort();
        Url = $"http://127.0.0.1:{port}/hooks/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Every POST received, in arrival order, with whether it was acknowledged (2xx).</summary>
    public ConcurrentQueue<ReceivedCallback> Received { get; } = new();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var acknowledged = Interlocked.Decrement(ref remainingFailures) < 0;
            Received.Enqueue(new ReceivedCallback(
                context.Request.Headers["webhook-id"] ?? "", context.Request.Headers["webhook-timestamp"] ?? "",
                context.Request.Headers["webhook-signature"] ?? "", body, acknowledged));
            context.Response.StatusCode = acknowledged ? 200 : 500;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}

/// <summary>One POST as received.</summary>
public sealed record ReceivedCallback(string Id, string Timestamp, string Signature, string Body, bool Acknowledged);
