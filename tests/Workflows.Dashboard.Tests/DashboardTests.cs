using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Workflows.Testing;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Dashboard.Tests;

/// <summary>What a person does in the dashboard, in Chromium, on a running engine (<typeparamref name="TStack"/>).</summary>
public abstract class DashboardTests<TStack>(TStack stack, ChromiumBrowser chromium, string shape) : IAsyncLifetime
    where TStack : WorkflowStack
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly LocatorAssertionsToHaveTextOptions Slowly = new() { Timeout = 30_000 };
    private IBrowserContext context = null!;

    protected TStack Stack => stack;

    public async Task InitializeAsync()
    {
        context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.Api.BaseAddress!.ToString() });
        context.SetDefaultTimeout(60_000);
    }

    public Task DisposeAsync() => context.DisposeAsync().AsTask();

    [Fact]
    public async Task A_wrong_key_stays_out_and_every_page_leads_to_the_login()
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/instances?workflow=approval");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#key", "not-" + stack.ApiKey);
        await page.ClickAsync("form.login button[type=submit]");

        await Expect(page.Locator("#login-error")).ToContainTextAsync("not one of this server's API keys");
        await ChromiumBrowser.ScreenshotAsync(page, $"{shape}-wrong-key");
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "workflows.dashboard");
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_and_SameSite_Strict_and_does_not_open_the_api()
    {
        await LogInAsync();

        var session = Assert.Single(await context.CookiesAsync(), c => c.Name == "workflows.dashboard");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        var api = await context.APIRequest.GetAsync("/api/workflows");
        Assert.Equal(401, api.Status);
    }

    [Fact]
    public async Task An_approval_started_from_the_page_waits_on_the_diagram_and_completes_live_once_approved()
    {
        var id = $"dash-{Guid.NewGuid():N}"[..20];
        var page = await LogInAsync();

        var card = page.Locator("section[data-workflow=approval]");
        await card.Locator("details.create summary").ClickAsync();
        await card.Locator("input[name=id]").FillAsync(id);
        await card.Locator("textarea[name=params]").FillAsync("""{"timeout": "1 hour"}""");
        await card.Locator("details.create button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"**/workflows/approval/instances/{id}");

        var wait = page.Locator("#live li[data-step=approval]");
        await Expect(wait).ToHaveAttributeAsync("data-state", "waiting", new() { Timeout = 30_000 });
        await Expect(wait.Locator(".badge")).ToContainTextAsync("waiting for event 'approval' until");
        await Expect(page.Locator("#status")).ToHaveTextAsync("waiting");
        await ChromiumBrowser.ScreenshotAsync(page, $"{shape}-approval-waiting");

        // A reload would drop this mark: the page must turn complete by itself.
        await page.EvaluateAsync("() => window.stillTheSamePage = true");
        await page.ClickAsync("#approve");

        await Expect(page.Locator("#action-result")).ToContainTextAsync("Approved (");
        await Expect(page.Locator("#status")).ToHaveTextAsync("complete", Slowly);
        await Expect(wait).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.Locator("#output")).ToContainTextAsync("\"approved\": true");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await ChromiumBrowser.ScreenshotAsync(page, $"{shape}-approval-complete");

        var instance = await stack.GetAsync("approval", id);
        Assert.Equal("complete", instance["status"]!.GetValue<string>());
        // The button sends what POST .../approve sends: by is the name of the key the session logged in with.
        Assert.Equal("key-1", instance["output"]!["by"]!.GetValue<string>());

        await page.GotoAsync("/instances?workflow=approval");
        await Expect(page.Locator($"tr[data-instance='{id}'] td").Nth(1)).ToHaveTextAsync("complete");
        await ChromiumBrowser.ScreenshotAsync(page, $"{shape}-instances");
    }

    [Fact]
    public async Task Restarting_a_long_instance_from_its_second_step_keeps_the_first_and_runs_the_rest_again()
    {
        var id = await stack.CreateAsync("long", new { steps = 3 });
        var before = await stack.WaitForStatusAsync("long", id, Timeout, "complete");
        var page = await LogInAsync();
        await page.GotoAsync($"/workflows/long/instances/{id}");
        await Expect(page.Locator("#live li[data-step=step]")).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.Locator("#live li[data-step=step] .badge")).ToHaveTextAsync("done ×3");

        await page.SelectOptionAsync("#restart-from", "step#2");
        await page.ClickAsync("form:has(#restart-from) button[type=submit]");

        await Expect(page.Locator("#action-result")).ToContainTextAsync("Restart accepted: running again from step 'step' #2");
        var after = await WaitForRerunAsync(id, before);
        Assert.Equal(EndedAt(before, 0), EndedAt(after, 0));
        Assert.NotEqual(EndedAt(before, 1), EndedAt(after, 1));
        Assert.NotEqual(EndedAt(before, 2), EndedAt(after, 2));
        Assert.Equal(3, after["output"]!.GetValue<int>());
        await Expect(page.Locator("#status")).ToHaveTextAsync("complete", Slowly);
        await ChromiumBrowser.ScreenshotAsync(page, $"{shape}-long-restarted");
    }

    /// <summary>Opens the dashboard, is sent to the login page, logs in with the stack's key and lands on the workflows.</summary>
    protected async Task<IPage> LogInAsync()
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#key", stack.ApiKey);
        await page.ClickAsync("form.login button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Workflows");
        return page;
    }

    private async Task<JsonObject> WaitForRerunAsync(string id, JsonObject before)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var now = await stack.GetAsync("long", id);
            if (now["status"]!.GetValue<string>() == "complete" && now["steps"]!.AsArray().Count == 3 && EndedAt(now, 2) != EndedAt(before, 2))
                return now;
            await Task.Delay(100);
        }
        throw new TimeoutException($"instance {id} did not run again after the restart");
    }

    private static string? EndedAt(JsonObject instance, int step) => instance["steps"]![step]!["endedAt"]?.GetValue<string>();
}
