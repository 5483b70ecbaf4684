using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Workflows.Testing;

namespace Workflows.Cli.Tests;

/// <summary>A stand-in for the Api on 127.0.0.1: answers every request as <c>respond</c> says and records the Authorization header each one carried.</summary>
internal sealed class RecordingServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string?> _authorizations = new();
    private readonly Func<HttpListenerResponse, Task> _respond;

    private RecordingServer(Func<HttpListenerResponse, Task> respond)
    {
        _respond = respond;
        Url = $"http://127.0.0.1:{ServiceProcess.FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = ServeAsync();
    }

    public string Url { get; }

    /// <summary>The Authorization header of every request so far (null where it had none); empty when nothing was sent.</summary>
    public IReadOnlyList<string?> Authorizations => [.. _authorizations];

    /// <summary>Answers <c>GET /api/workflows</c> (and anything else) with an empty list, as an Api with no workflows would.</summary>
    public static RecordingServer WithNoWorkflows() => Answering(200, "[]");

    public static RecordingServer Answering(int status, string body, string contentType = "application/json") => new(async response =>
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    });

    /// <summary>Promises a body, sends part of it and drops the connection.</summary>
    public static RecordingServer CuttingOff() => new(async response =>
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength64 = 1000;
        await response.OutputStream.WriteAsync("[{\"name\":"u8.ToArray());
        await response.OutputStream.FlushAsync();
        response.Abort();
    });

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Disposed.
            }
            _authorizations.Enqueue(context.Request.Headers["Authorization"]);
            await _respond(context.Response);
        }
    }
}
