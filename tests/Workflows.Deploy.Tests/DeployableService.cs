using System.Reflection;
using System.Text.RegularExpressions;

namespace Workflows.Deploy.Tests;

/// <summary>
/// A project under <c>services/</c> that runs as its own container: an ASP.NET Core project (every service answers
/// /alive and /health) that is neither the DevHost (all services in one process, for the demo) nor a .NET tool.
/// </summary>
internal sealed partial record DeployableService(string Project)
{
    /// <summary>The name the deployment files use: compose service, k8s Deployment, image <c>workflows/{Component}</c>.</summary>
    public string Component { get; } = KebabCase(Project["Workflows.".Length..]);

    public string ProjectFile => $"services/{Project}/{Project}.csproj";

    public Assembly Assembly => Assembly.Load(Project);

    public static IReadOnlyList<DeployableService> All { get; } = Directory
        .GetDirectories(RepositoryFiles.PathOf("services"))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Where(IsDeployable)
        .Order(StringComparer.Ordinal)
        .Select(name => new DeployableService(name))
        .ToList();

    public override string ToString() => Project;

    private static bool IsDeployable(string project)
    {
        var csproj = RepositoryFiles.PathOf($"services/{project}/{project}.csproj");
        if (!File.Exists(csproj) || project == "Workflows.DevHost")
            return false;
        var text = File.ReadAllText(csproj);
        return text.Contains("Sdk=\"Microsoft.NET.Sdk.Web\"", StringComparison.Ordinal)
            && !text.Contains("<PackAsTool>true</PackAsTool>", StringComparison.OrdinalIgnoreCase);
    }

    private static string KebabCase(string name) => WordStart().Replace(name, "-$1").Replace(".", "-", StringComparison.Ordinal).ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
