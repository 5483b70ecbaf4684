using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflows.Testing;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Dashboard.Tests;

/// <summary>The dashboard as the quick start shows it: served by the DevHost (one process, in-memory bus, SQLite).</summary>
public sealed class DevHostDashboardTests(DevHostStack stack, ChromiumBrowser chromium)
    : DashboardTests<DevHostStack>(stack, chromium, "devhost"), IClassFixture<DevHostStack>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task A_schedule_created_through_the_api_is_listed_paused_triggered_and_deleted_from_the_schedules_page()
    {
        var id = $"every-day-{Guid.NewGuid():N}"[..20];
        using (var put = await Stack.Api.PutAsJsonAsync($"api/schedules/{id}", new { workflow = "scheduled", @params = new { n = 1 }, cron = "0 3 * * *", timeZone = "Europe/Berlin" }))
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var page = await LogInAsync();

        await page.ClickAsync("header nav a[href='/schedules']");
        var row = page.Locator($"tr[data-schedule='{id}']");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("scheduled");
        await Expect(row.Locator(".when")).ToHaveTextAsync("cron 0 3 * * * (Europe/Berlin)");
        await Expect(row.Locator(".state")).ToHaveTextAsync("active");
        await Expect(row.Locator(".next")).ToContainTextAsync("UTC");
        await Expect(row.Locator(".tally")).ToHaveTextAsync("0 / 0 / 0");
        await Expect(row.Locator(".last a")).ToHaveCountAsync(0);

        await row.Locator("form[action*=Pause] button").ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync($"Schedule '{id}' is paused.");
        await Expect(row.Locator(".state")).ToHaveTextAsync("paused");
        await Expect(row.Locator(".next")).ToHaveTextAsync("");
        await Expect(row.Locator("form[action*=Resume] button")).ToBeVisibleAsync();

        await row.Locator("form[action*=Trigger] button").ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToContainTextAsync($"Schedule '{id}' fired: instance {id}-");
        var last = row.Locator(".last a");
        await Expect(last).ToHaveTextAsync(new Regex($"^{Regex.Escape(id)}-"));
        await Expect(row.Locator(".tally")).ToHaveTextAsync("1 / 0 / 0");
        await ChromiumBrowser.ScreenshotAsync(page, "devhost-schedules");

        var schedule = (await Stack.Api.GetFromJsonAsync<JsonObject>($"api/schedules/{id}"))!;
        Assert.Equal("paused", schedule["state"]!.GetValue<string>());
        var instanceId = schedule["lastInstance"]!["id"]!.GetValue<string>();
        Assert.Equal(instanceId, await last.TextContentAsync());

        await last.ClickAsync();
        await page.WaitForURLAsync($"**/workflows/scheduled/instances/{instanceId}");
        await Expect(page.Locator("#status")).ToHaveTextAsync("complete", new() { Timeout = 30_000 });

        await page.GotoAsync("/schedules");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.Locator("form[action*=Delete] button").ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync($"Schedule '{id}' is deleted.");
        await Expect(row).ToHaveCountAsync(0);
        using (var gone = await Stack.Api.GetAsync($"api/schedules/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        // The instance it created is left alone.
        Assert.Equal("complete", (await Stack.GetAsync("scheduled", instanceId))["status"]!.GetValue<string>());
    }
}
