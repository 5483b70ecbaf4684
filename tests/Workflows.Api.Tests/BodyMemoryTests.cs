using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace Workflows.Api.Tests;

/// <summary>Oversized bodies are refused while they stream in, so a flood of them costs the Api no lasting memory.</summary>
[Collection(ApiCollection.Name)]
public sealed class BodyMemoryTests(ApiFixture api, ITestOutputHelper output)
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    [Fact]
    public async Task Ten_concurrent_100_MB_batch_bodies_are_refused_and_leave_the_api_within_100_MB_of_where_it_started()
    {
        var before = ResidentMegabytes(api.ProcessId);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentMegabytes(api.ProcessId));
                await Task.Delay(50);
            }
        });

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostHundredMegabytesAsync()));
        await sampling.CancelAsync();
        await sampler;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = ResidentMegabytes(api.ProcessId);

        output.WriteLine($"resident memory {before} MB before, {peak} MB at the peak, {after} MB after; answers: {string.Join(", ", answers)}");
        // Each is refused: a 413, or, when the Api gave up draining the rest of a body it had answered, the connection
        // reset under the upload (HTTP/1.1 cannot stop a sender otherwise; the client may then lose the 413 it was sent).
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.RequestEntityTooLarge or null, $"answered {a}"));
        using (var health = await api.Client.GetAsync(new Uri("/alive", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(after - before < 100, $"resident memory {before} MB before, {peak} MB at the peak, {after} MB after");
    }

    /// <summary>The status the Api answered, or null when it reset the connection while the body was still being sent.</summary>
    private async Task<HttpStatusCode?> PostHundredMegabytesAsync()
    {
        using var content = new StreamContent(new RepeatingStream("[{\"params\": \""u8.ToArray(), (byte)'x', HundredMegabytes));
        content.Headers.ContentType = new("application/json");
        try
        {
            using var response = await api.Client.PostAsync(new Uri("/api/workflows/billing/instances/batch", UriKind.Relative), content);
            return response.StatusCode;
        }
        catch (HttpRequestException e) when (e.InnerException is IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset } })
        {
            return null;
        }
    }

    private static long ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
