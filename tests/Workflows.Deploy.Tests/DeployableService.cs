using System.Reflection;
using System.Text.RegularExpressions;

namespace Workflows.Deploy.Tests;

/// <summary>
/// A host under <c>hosts/</c> that runs as its own container (<c>hosts/Workflows.X.Host</c>, service <c>Workflows.X</c>): an
/// ASP.NET Core project (every service answers /alive and /health), not the DevHost (all services in one process, for the demo).
/// </summary>
internal sealed partial record DeployableService(string Project)
{
    /// <summary>The name the deployment files use: compose service, k8s Deployment, image <c>workflows/{Component}</c>.</summary>
    public string Component { get; } = KebabCase(Project["Workflows.".Length..]);

    public string ProjectFile => $"hosts/{Project}.Host/{Project}.Host.csproj";

    /// <summary>The engine library the host runs (the first it references): its options types say which settings it reads.</summary>
    public Assembly Assembly => Assembly.Load(EngineReference().Match(RepositoryFiles.Read(ProjectFile)).Groups[1].Value);

    public static IReadOnlyList<DeployableService> All { get; } = Directory
        .GetDirectories(RepositoryFiles.PathOf("hosts"))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Where(IsDeployable)
        .Order(StringComparer.Ordinal)
        .Select(name => new DeployableService(name[..^".Host".Length]))
        .ToList();

    public override string ToString() => Project;

    private static bool IsDeployable(string host)
    {
        var csproj = RepositoryFiles.PathOf($"hosts/{host}/{host}.csproj");
        if (!File.Exists(csproj) || !host.EndsWith(".Host", StringComparison.Ordinal))
            return false;
        var text = File.ReadAllText(csproj);
        return text.Contains("Sdk=\"Microsoft.NET.Sdk.Web\"", StringComparison.Ordinal)
            && !text.Contains("<PackAsTool>true</PackAsTool>", StringComparison.OrdinalIgnoreCase);
    }

    private static string KebabCase(string name) => WordStart().Replace(name, "-$1").Replace(".", "-", StringComparison.Ordinal).ToLowerInvariant();

    [GeneratedRegex(@"engine/(Workflows\.[A-Za-z]+)/")]
    private static partial Regex EngineReference();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
