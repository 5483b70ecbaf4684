using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Workflows.Api;
using Workflows.Hosting;
using Workflows.Runtime;

namespace Workflows.Engine;

/// <summary>Once the server listens: prints where it is, the API key and two commands to try, and writes <c>cli.json</c> for the CLI.</summary>
internal sealed class EngineBanner(
    IServer server, IHostApplicationLifetime lifetime, IOptions<ApiOptions> api, IOptions<EngineOptions> engine, WorkflowsInfrastructure infrastructure,
    WorkflowRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var url = PublicUrl(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        // The first key is the one the banner and cli.json show.
        var key = api.Value.Keys[0];
        var cliPath = Path.GetFullPath(engine.Value.CliConfigPath);
        new CliConfig(url, key).Write(cliPath);

        var runsOn = infrastructure.Embedded
            ? $"embedded: in-memory bus, SQLite ({infrastructure.SqliteConnectionString})"
            : "RabbitMQ and PostgreSQL from ConnectionStrings";
        var workflow = registry.All.Select(r => r.Name).Order(StringComparer.Ordinal).FirstOrDefault() ?? "<workflow>";
        Console.WriteLine($$$"""

            Workflows engine is running ({{{runsOn}}})
              URL:      {{{url}}}
              Dashboard: {{{url}}}/ (log in with the API key)
              API key:  {{{key}}}
              CLI file: {{{cliPath}}}
            Try:
              curl -s -X POST {{{url}}}/api/workflows/{{{workflow}}}/instances -H "Authorization: Bearer {{{key}}}" -H "Content-Type: application/json" -d '{"params": {}}'
              curl -s {{{url}}}/api/workflows/{{{workflow}}}/instances -H "Authorization: Bearer {{{key}}}"

            """);
    }

    /// <summary>The first address, with a wildcard host made reachable (<c>http://[::]:80</c> → <c>http://localhost:80</c>).</summary>
    private static string PublicUrl(ICollection<string> addresses)
    {
        var first = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault() ?? "http://localhost:5000";
        var uri = new UriBuilder(first);
        if (uri.Host is "[::]" or "::" or "0.0.0.0" or "+" or "*")
            uri.Host = "localhost";
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
