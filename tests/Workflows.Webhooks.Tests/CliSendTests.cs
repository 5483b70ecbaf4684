using System.Text.Json.Nodes;
using Workflows.Cli;

namespace Workflows.Webhooks.Tests;

/// <summary><c>workflows webhooks send</c> signs the sample payloads so that the running service accepts them.</summary>
[Collection(WebhooksCollection.Name)]
public sealed class CliSendTests(WebhooksStack stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_cli_sends_the_github_sample_signed_with_the_secret_from_the_services_environment_settings()
    {
        var (exit, output, error) = await RunAsync(new Dictionary<string, string?>
        {
            ["Webhooks__Sources__github__Kind"] = "github",
            ["Webhooks__Sources__github__Secrets__0"] = WebhooksStack.NewGitHubSecret,
        }, "webhooks", "send", "github", "--event", "issues", "--file", Sample("github-issue-opened.json"), "--json", "--url", Url);

        Assert.True(exit == 0, error);
        var answer = JsonNode.Parse(output)!;
        Assert.Equal("started", answer["action"]!.GetValue<string>());
        await stack.WaitForStatusAsync("issue-triage", answer["instanceId"]!.GetValue<string>(), Timeout, "complete");
        Assert.Single(stack.Stubs.Comments("octo-org/hello-workflows", 42));
    }

    [Fact]
    public async Task The_cli_sends_the_stripe_sample_signed_with_the_secret_of_a_settings_file_and_a_wrong_secret_is_refused()
    {
        await stack.CreateAsync("approval", new { timeout = "1 hour" }, "order-1");
        await stack.WaitForStatusAsync("approval", "order-1", Timeout, "waiting");
        // Not under /tmp: the CLI refuses a settings file in a folder (or a folder's parent) other users can write to.
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, $"wf-cli-{Guid.NewGuid():N}"));
        var settings = Path.Combine(folder.FullName, "appsettings.json");
        await File.WriteAllTextAsync(settings, $$"""{ "webhooks": { "sources": { "stripe": { "kind": "stripe", "secrets": [ "{{WebhooksStack.StripeSecret}}" ] } } } }""");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(settings, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            var wrong = await RunAsync(new Dictionary<string, string?>(), "webhooks", "send", "stripe", "--file", Sample("stripe-payment-succeeded.json"), "--config", settings, "--secret", "whsec_wrong", "--url", Url);
            Assert.True(wrong.Exit == ExitCodes.Unauthorized, $"exit {wrong.Exit}: {wrong.Error}");

            var (exit, output, error) = await RunAsync(new Dictionary<string, string?>(), "webhooks", "send", "stripe", "--file", Sample("stripe-payment-succeeded.json"), "--config", settings, "--url", Url);

            Assert.True(exit == 0, error);
            Assert.StartsWith("event order-1 (delivery evt_", output, StringComparison.Ordinal);
            var instance = await stack.WaitForStatusAsync("approval", "order-1", Timeout, "complete");
            Assert.Equal(4200, instance["output"]!["data"]!["object"]!["amount"]!.GetValue<int>());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private string Url => stack.ProcessOf(WebhooksStack.WebhooksService).BaseAddress.ToString();

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> variables, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Cli.Cli.RunAsync(args, new CliEnvironment(output, error, variables, Path.GetTempPath()));
        return (exit, output.ToString(), error.ToString());
    }

    private static string Sample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "samples", "webhooks", name)))
                return Path.Combine(dir.FullName, "samples", "webhooks", name);
        throw new FileNotFoundException($"samples/webhooks/{name} not found above {AppContext.BaseDirectory}");
    }
}
