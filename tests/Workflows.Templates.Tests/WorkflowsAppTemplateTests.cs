using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Workflows.Templates.Tests;

/// <summary>A new user's first minutes: the packages and the template as <c>dotnet pack</c> makes them, an app from the template, one instance.</summary>
[Trait("Category", "Packaging")]
public sealed class WorkflowsAppTemplateTests
{
    // Packing and restoring on two shared cores can take minutes; these only stop a hung command.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private static readonly Dictionary<string, string?> FreshShell = [];

    [Fact]
    public async Task A_project_created_from_the_template_outside_the_repository_completes_an_instance_over_http()
    {
        using var scratch = new ScratchDirectory();
        // A version no package cache holds, so the app restores exactly the packages packed here.
        var version = $"0.0.0-templatetest-{Guid.NewGuid():N}";
        var feed = await PackAsync(scratch.Path, version);
        var project = await CreateAppAsync(scratch.Path, feed, version);
        var dll = await BuildAsync(scratch.Path, project);

        using var app = DotnetProcess.Start(project, new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development" },
            dll, "--urls", $"http://127.0.0.1:{FreePort()}");
        var (url, apiKey) = await ReadCliFileAsync(Path.Combine(project, ".workflows", "cli.json"), app);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        using var created = await http.PostAsJsonAsync("/api/workflows/hello/instances", new { @params = new { } });
        var createdBody = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, $"POST answered {(int)created.StatusCode}: {createdBody}\n{app.Output}");
        var id = JsonDocument.Parse(createdBody).RootElement.GetProperty("id").GetString();

        var instance = await WaitUntilEndedAsync(http, $"/api/workflows/hello/instances/{id}", app);
        Assert.True(instance.GetProperty("status").GetString() == "complete", $"The instance ended as {instance}\n{app.Output}");
        Assert.Equal("Hello, world", instance.GetProperty("output").GetProperty("greeting").GetString());

        // The generator ships inside the Workflows.Sdk package: the app's workflow has its diagram.
        var diagram = JsonDocument.Parse(await http.GetStringAsync("/api/workflows/hello/diagram")).RootElement;
        Assert.Equal(["Start", "StepDo", "StepSleep", "StepDo", "Return", "End"],
            diagram.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("kind").GetString()));
    }

    /// <summary>
    /// <c>dotnet pack</c> of what ships (every project under shared/, engine/ and templates/) into a local feed, through a
    /// solution filter so the hosts and tests are not built in Release as well.
    /// </summary>
    private static async Task<string> PackAsync(string scratch, string version)
    {
        var root = RepositoryRoot();
        var projects = new[] { "shared", "engine", "templates" }
            .SelectMany(folder => Directory.GetDirectories(Path.Combine(root, folder)))
            .Select(project => Path.Combine(project, Path.GetFileName(project) + ".csproj"))
            .Where(File.Exists)
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();
        var filter = Path.Combine(scratch, "packages.slnf");
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new { solution = new { path = Path.Combine(root, "Workflows.sln"), projects } }));

        var feed = Path.Combine(scratch, "feed");
        // Restored as the repository's own build restores it (the version would change every project's assets file).
        await DotnetProcess.RunAsync(scratch, BuildTimeout, FreshShell, "restore", filter, "-nologo", "-nodeReuse:false");
        await DotnetProcess.RunAsync(scratch, BuildTimeout, FreshShell,
            "pack", filter, "--no-restore", "-o", feed, $"-p:PackageVersion={version}", "-nologo", "-nodeReuse:false");
        foreach (var package in new[] { "Workflows.Engine", "Workflows.Sdk", "Workflows.Templates" })
            Assert.True(File.Exists(Path.Combine(feed, $"{package}.{version}.nupkg")), $"{package} is not in the feed: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        return feed;
    }

    /// <summary>
    /// <c>dotnet new install</c> and <c>dotnet new workflows-app -n MyApp</c> in a hive of its own, and a nuget.config beside the
    /// app with the local feed, a package folder of its own and this machine's package folder to fall back on (offline here).
    /// </summary>
    private static async Task<string> CreateAppAsync(string scratch, string feed, string version)
    {
        var hive = Path.Combine(scratch, "hive");
        var machinePackages = (await DotnetProcess.RunAsync(scratch, CommandTimeout, FreshShell, "nuget", "locals", "global-packages", "--list"))
            .Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("global-packages: ", StringComparison.Ordinal))["global-packages: ".Length..];

        await DotnetProcess.RunAsync(scratch, CommandTimeout, FreshShell,
            "new", "install", Path.Combine(feed, $"Workflows.Templates.{version}.nupkg"), "--debug:custom-hive", hive);
        var project = Path.Combine(scratch, "MyApp");
        await DotnetProcess.RunAsync(scratch, CommandTimeout, FreshShell,
            "new", "workflows-app", "-n", "MyApp", "-o", project, "--no-update-check", "--debug:custom-hive", hive);
        Assert.True(File.Exists(Path.Combine(project, "MyApp.csproj")), $"The template made: {string.Join(", ", Directory.GetFiles(project).Select(Path.GetFileName))}");

        await File.WriteAllTextAsync(Path.Combine(scratch, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="packages" />
              </config>
              <packageSources>
                <add key="workflows-test-feed" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return project;
    }

    /// <summary>
    /// <c>dotnet build</c> of the app with nothing of a repository in reach: its Directory.Build.props would hide a template
    /// that builds only inside it, and an infra.json would put the app on RabbitMQ and PostgreSQL.
    /// </summary>
    private static async Task<string> BuildAsync(string scratch, string project)
    {
        var root = RepositoryRoot();
        for (var dir = new DirectoryInfo(project); dir is not null; dir = dir.Parent)
        {
            Assert.False(dir.FullName.StartsWith(root, StringComparison.Ordinal), $"{project} is inside the repository {root}");
            foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", ".workflows/infra.json" })
                Assert.False(File.Exists(Path.Combine(dir.FullName, file)), $"{Path.Combine(dir.FullName, file)} would apply to the app");
        }

        // NUGET_PACKAGES would win over the nuget.config's package folder, where the packed packages go.
        await DotnetProcess.RunAsync(project, BuildTimeout, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = null },
            "build", "-nologo", "-nodeReuse:false");
        var dll = Path.Combine(project, "bin", "Debug", "net10.0", "MyApp.dll");
        Assert.True(File.Exists(dll), $"No {dll} after the build of {scratch}");
        return dll;
    }

    /// <summary>The URL and key the app writes to <c>.workflows/cli.json</c> once it listens, as the <c>workflows</c> CLI reads them.</summary>
    private static async Task<(string Url, string ApiKey)> ReadCliFileAsync(string path, DotnetProcess app)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(app.HasExited, $"The app exited:\n{app.Output}");
            try
            {
                var file = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
                return (file.GetProperty("url").GetString()!, file.GetProperty("apiKey").GetString()!);
            }
            catch (Exception e) when (e is IOException or JsonException) { } // not there yet, or half written
            await Task.Delay(200);
        }
        throw new TimeoutException($"No {path} within {StartTimeout}:\n{app.Output}");
    }

    private static async Task<JsonElement> WaitUntilEndedAsync(HttpClient http, string instance, DotnetProcess app)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await http.GetStringAsync(instance);
            var details = JsonDocument.Parse(last).RootElement;
            if (details.GetProperty("status").GetString() is "complete" or "errored" or "terminated")
                return details;
            await Task.Delay(250);
        }
        throw new TimeoutException($"The instance did not end within {RunTimeout}: {last}\n{app.Output}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No Workflows.sln above {AppContext.BaseDirectory}: the test packs the repository it runs from.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
