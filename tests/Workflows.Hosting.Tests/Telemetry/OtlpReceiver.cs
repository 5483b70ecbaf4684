using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>An in-test OpenTelemetry collector: OTLP/HTTP protobuf on 127.0.0.1; keeps every span; accepts and drops metrics and logs.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> spans = new();
    private WebApplication? app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedSpan> Spans => [.. spans];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        app = builder.Build();
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (var span in OtlpTraceDecoder.Decode(body.ToArray()))
                spans.Enqueue(span);
            return Results.Bytes([], "application/x-protobuf");
        });
        // An empty Export*ServiceResponse is zero bytes.
        app.MapPost("/v1/metrics", Drop);
        app.MapPost("/v1/logs", Drop);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Endpoint = new Uri(address);
    }

    private static async Task<IResult> Drop(HttpRequest request)
    {
        await request.Body.CopyToAsync(Stream.Null);
        return Results.Bytes([], "application/x-protobuf");
    }

    /// <summary>Polls until <paramref name="ready"/> holds for the spans received so far; fails with a summary of them.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForAsync(Func<IReadOnlyList<ReceivedSpan>, bool> ready, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var now = Spans;
            if (ready(now))
                return now;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {what} within {timeout}; {now.Count} spans received: "
                    + string.Join(", ", now.Select(s => s.Name).Distinct().Take(60)));
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }
}
