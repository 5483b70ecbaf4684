using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Workflows.Webhooks.Tests;

[Collection(WebhooksCollection.Name)]
public sealed class KilledWebhooksTests(WebhooksStack stack, ITestOutputHelper output)
{
    private const int Count = 500;
    private const int Senders = 8;

    [Fact]
    public async Task Every_one_of_500_deliveries_is_acted_on_exactly_once_while_the_Webhooks_process_is_killed_twice()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, Count).Select(i => $"msg_{run}_{i}").ToArray();
        var answers = new string[Count];
        var next = -1;
        var accepted = 0;
        var refusals = 0;
        var clock = Stopwatch.StartNew();

        async Task SendAllAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Count)
            {
                // A sender's retry loop: a 5xx or a dropped connection means "deliver again" (re-signed, as senders do).
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var request = Deliveries.Standard(ids[i], $$"""{"n":{{i}}}""", WebhooksStack.StandardSecret, DateTimeOffset.UtcNow);
                        using var response = await stack.WebhookClient.SendAsync(request);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            answers[i] = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["action"]!.GetValue<string>();
                            Interlocked.Increment(ref accepted);
                            break;
                        }
                        Assert.True((int)response.StatusCode >= 500, $"delivery {i} refused with {(int)response.StatusCode}");
                    }
                    catch (HttpRequestException)
                    {
                    }
                    catch (TaskCanceledException)
                    {
                    }
                    Interlocked.Increment(ref refusals);
                    Assert.True(attempt < 200, $"delivery {i} was not accepted after {attempt} attempts");
                    await Task.Delay(100);
                }
            }
        }

        var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(SendAllAsync)).ToArray();
        foreach (var killAt in new[] { Count / 5, Count / 2 })
        {
            while (Volatile.Read(ref accepted) < killAt && !senders.All(s => s.IsCompleted))
                await Task.Delay(10);
            stack.Kill(WebhooksStack.WebhooksService);
            await stack.StartAsync(WebhooksStack.WebhooksService);
        }
        await Task.WhenAll(senders);
        clock.Stop();

        Assert.All(answers, a => Assert.Contains(a, new[] { "started", "duplicate" }));
        Assert.Equal(Count, await stack.CountAsync("SELECT count(*) FROM workflows.instances WHERE instance_id LIKE @p", ("p", $"std-msg_{run}_%")));
        Assert.Equal(Count, await stack.CountAsync("SELECT count(*) FROM workflows.webhook_deliveries WHERE delivery_id LIKE @p", ("p", $"msg_{run}_%")));
        // Each instance holds the body of its own delivery: nothing was mixed up or started from another copy.
        Assert.Equal(Count, await stack.CountAsync(
            "SELECT count(*) FROM workflows.instances WHERE instance_id LIKE @p AND instance_id = 'std-msg_' || @run || '_' || (params_json::jsonb ->> 'n')",
            ("p", $"std-msg_{run}_%"), ("run", run)));
        output.WriteLine($"{Count} deliveries accepted in {clock.Elapsed.TotalSeconds:0.0} s with two kill -9 restarts ({Count / clock.Elapsed.TotalSeconds:0} deliveries/s); " +
            $"{answers.Count(a => a == "duplicate")} answered duplicate, {refusals} attempts refused or dropped and retried");
    }

    [Fact]
    public async Task Deliveries_per_second_accepted_without_failures()
    {
        const int n = 300;
        var run = Guid.NewGuid().ToString("N")[..8];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                using var request = Deliveries.Standard($"rate_{run}_{i}", $$"""{"n":{{i}}}""", WebhooksStack.StandardSecret, DateTimeOffset.UtcNow);
                using var response = await stack.WebhookClient.SendAsync(request);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
        })));
        clock.Stop();
        output.WriteLine($"{n} deliveries accepted (each a confirmed instance) in {clock.Elapsed.TotalSeconds:0.0} s: {n / clock.Elapsed.TotalSeconds:0} deliveries/s with {Senders} concurrent senders");
        Assert.Equal(n, await stack.CountAsync("SELECT count(*) FROM workflows.instances WHERE instance_id LIKE @p", ("p", $"std-rate_{run}_%")));
    }
}
