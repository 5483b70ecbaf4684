using Microsoft.Playwright;

namespace Workflows.Dashboard.Tests;

/// <summary>
/// Debian's Chromium (installed by deploy/local/test.sh), headless, driven by Playwright: one browser per test class,
/// a fresh context (cookies) per test. Screenshots go to <see cref="ScreenshotDirectory"/>.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary><c>TestResults/screenshots</c> under the test assembly's output folder, kept as CI artefacts.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: deploy/local/test.sh installs it (apt-get install chromium).");
        Directory.CreateDirectory(ScreenshotDirectory);
        // CI runs every test assembly at once on two cores: a page answers in seconds there, not in Playwright's default 5.
        Assertions.SetDefaultExpectTimeout(30_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
    }

    /// <summary>Saves a full-page screenshot as <c>{name}.png</c> in <see cref="ScreenshotDirectory"/>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
}
