using Microsoft.Extensions.Configuration;

namespace Workflows.Hosting;

/// <summary>
/// In Development, picks up <c>.workflows/infra.json</c> (written by <c>deploy/local/infra.sh up</c>) from the working
/// directory or a parent, so <c>dotnet run --project hosts/X</c> finds the local RabbitMQ and PostgreSQL. Environment
/// variables and command-line arguments still win.
/// </summary>
internal static class LocalInfrastructureFile
{
    public static void AddTo(IConfigurationManager configuration)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".workflows", "infra.json");
            if (!File.Exists(file))
                continue;
            var sources = (IConfigurationBuilder)configuration;
            // Insert before environment variables so they keep precedence.
            var index = sources.Sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource);
            var json = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = file, Optional = true };
            json.ResolveFileProvider();
            if (index < 0) sources.Sources.Insert(0, json);
            else sources.Sources.Insert(index, json);
            return;
        }
    }
}
