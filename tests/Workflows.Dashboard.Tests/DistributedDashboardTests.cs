using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Workflows.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Dashboard.Tests;

/// <summary>The dashboard served by the Api process of the distributed stack (every service its own process, RabbitMQ, PostgreSQL).</summary>
public sealed class DistributedDashboardTests(DistributedStack stack, ChromiumBrowser chromium, ITestOutputHelper output)
    : DashboardTests<DistributedStack>(stack, chromium, "distributed"), IClassFixture<DistributedStack>, IClassFixture<ChromiumBrowser>
{
    private const int Instances = 100_000;

    /// <summary>The measured times, kept next to the screenshots.</summary>
    private static readonly string TimingsFile = Path.Combine(ChromiumBrowser.ScreenshotDirectory, "..", "instance-list-load.txt");

    /// <summary>Generous for a loaded 2-core CI box; the measured times are printed and kept in TestResults.</summary>
    private static readonly TimeSpan MaxPageLoad = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task The_instance_list_stays_fast_at_100000_instances()
    {
        // Rows straight into this class's database, under a workflow name no other test uses.
        await using (var connection = new NpgsqlConnection(Stack.Infrastructure.PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand($$"""
                INSERT INTO workflows.instances (correlation_id, instance_id, workflow, current_state, generation, dispatch, created_at, awaited_event_types, event_pending)
                SELECT gen_random_uuid(), 'bulk-' || lpad(i::text, 6, '0'), 'bulk', CASE WHEN i % 100 = 0 THEN 'Errored' ELSE 'Complete' END,
                       1, 1, now() - make_interval(secs => i), '{}', false
                FROM generate_series(1, {{Instances}}) AS i;
                ANALYZE workflows.instances;
                """, connection);
            insert.CommandTimeout = 120;
            await insert.ExecuteNonQueryAsync();
        }
        var page = await LogInAsync();
        File.Delete(TimingsFile);
        var day = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var first = await TimeAsync(page, "/instances?workflow=bulk", "first page");
        await Expect(page.Locator("table.instances tbody tr")).ToHaveCountAsync(50);
        await Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-instance", "bulk-000001");
        var nextHref = await page.Locator("a.next").GetAttributeAsync("href");
        var next = await TimeAsync(page, nextHref!, "second page (cursor)");
        await Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-instance", "bulk-000051");
        var errored = await TimeAsync(page, "/instances?workflow=bulk&status=errored", "status errored (1 in 100)");
        await Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-instance", "bulk-000100");
        var dated = await TimeAsync(page, $"/instances?workflow=bulk&created={day}", "created on or before yesterday");
        await Expect(page.Locator("table.instances tbody tr")).ToHaveCountAsync(50);
        await ChromiumBrowser.ScreenshotAsync(page, "distributed-instances-100000");

        foreach (var (what, time) in new[] { ("first page", first), ("second page", next), ("status filter", errored), ("date filter", dated) })
            Assert.True(time < MaxPageLoad, $"{what} took {time.TotalMilliseconds:0} ms at {Instances:N0} instances");
    }

    /// <summary>The median of five loads (after one warm-up) of <paramref name="url"/>, to the load event, as the browser sees it.</summary>
    private async Task<TimeSpan> TimeAsync(Microsoft.Playwright.IPage page, string url, string what)
    {
        await page.GotoAsync(url);
        var times = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(url);
            times.Add(clock.Elapsed);
        }
        var median = times.Order().ElementAt(2);
        var line = $"instance list at {Instances:N0} instances, {what}: median {median.TotalMilliseconds:0} ms (of {string.Join(", ", times.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms)";
        output.WriteLine(line);
        await File.AppendAllTextAsync(TimingsFile, line + Environment.NewLine);
        return median;
    }
}
