using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Workflows.Testing;

namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>With <c>Workflows:Metrics:Prometheus=true</c> every service serves /metrics, and together they show every documented metric.</summary>
[Collection(TracingCollection.Name)]
public sealed class PrometheusTests(TracingStack stack)
{
    [Fact]
    public async Task Prometheus_scrape_shows_every_documented_metric()
    {
        Assert.NotEmpty(DocumentedMetrics.Engine);
        // Work that touches every instrument: steps that retry and fail, a sleep (a timer), an event wait.
        var flaky = await stack.CreateAsync("flaky", new { failures = 1, limit = 3 });
        var failing = await stack.CreateAsync("flaky", new { failures = 5, limit = 0 });
        // Long enough to be still ahead when the saga hears of it: the timer goes through the Scheduler (timer lateness).
        var sleepy = await stack.CreateAsync("sleepy", new { seconds = 4 });
        var approval = await stack.CreateAsync("approval", new { timeout = "1 hour" });
        await stack.WaitForStatusAsync("approval", approval, TimeSpan.FromSeconds(90), "waiting");
        using (var sent = await stack.Api.PostAsJsonAsync($"api/workflows/approval/instances/{approval}/events/approval", new { approved = true }))
            sent.EnsureSuccessStatusCode();
        await stack.WaitForStatusAsync("flaky", flaky, TimeSpan.FromSeconds(90), "complete");
        await stack.WaitForStatusAsync("flaky", failing, TimeSpan.FromSeconds(90), "errored");
        await stack.WaitForStatusAsync("sleepy", sleepy, TimeSpan.FromSeconds(90), "complete");
        await stack.WaitForStatusAsync("approval", approval, TimeSpan.FromSeconds(90), "complete");

        // The instance gauge counts every 15 s: poll until a scrape has the errored instance (and everything else).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        string scraped;
        List<string> missing;
        do
        {
            scraped = await ScrapeAllAsync();
            missing = [.. DocumentedMetrics.Engine.Where(m => !Exported(scraped, m.Prometheus)).Select(m => m.Prometheus)];
            if (missing.Count > 0 || !ErroredFlaky.IsMatch(scraped))
                await Task.Delay(1000);
        }
        while ((missing.Count > 0 || !ErroredFlaky.IsMatch(scraped)) && DateTime.UtcNow < deadline);

        Assert.True(missing.Count == 0, $"not in any scrape: {string.Join(", ", missing)}");
        Assert.True(ErroredFlaky.IsMatch(scraped), "workflows_instances has no errored flaky instance: "
            + string.Join(" | ", scraped.Split('\n').Where(l => l.StartsWith("workflows_instances", StringComparison.Ordinal))));
        Assert.Matches(new Regex(@"^workflows_step_failures_total\{[^}]*workflow_error=""InvalidOperationException""", RegexOptions.Multiline), scraped);
    }

    /// <summary>The gauge's series of errored flaky instances (only this test makes one), counting one.</summary>
    private static readonly Regex ErroredFlaky = new(
        @"^workflows_instances\{(?=[^}]*workflow_name=""flaky"")(?=[^}]*workflow_status=""errored"")[^}]*\} 1(\.0)?( |$)", RegexOptions.Multiline);

    private async Task<string> ScrapeAllAsync()
    {
        using var http = new HttpClient();
        var scrapes = await Task.WhenAll(DistributedStack.Services.Select(s =>
            http.GetStringAsync(new Uri(stack.ProcessOf(s).BaseAddress, "/metrics"))));
        return string.Join('\n', scrapes);
    }

    /// <summary>A sample of the metric (a histogram's as its _bucket/_sum/_count series).</summary>
    private static bool Exported(string scrape, string name) =>
        Regex.IsMatch(scrape, $@"^{name}(_bucket|_sum|_count)?[{{ ]", RegexOptions.Multiline);
}
