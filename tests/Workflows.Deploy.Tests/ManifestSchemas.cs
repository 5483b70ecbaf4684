namespace Workflows.Deploy.Tests;

/// <summary>
/// The Kubernetes API's and KEDA's schemas, through <c>schemas/validate.mjs</c> (npm's kubernetes-models and
/// @kubernetes-models/keda, pinned by its package-lock.json and installed with <c>npm ci</c> on first use).
/// </summary>
internal static class ManifestSchemas
{
    private const string Folder = "tests/Workflows.Deploy.Tests/schemas";
    private static readonly Lazy<string> Installed = new(Install);

    /// <summary>Validates every object in <paramref name="yaml"/>; one line per object, "valid Kind/name" or "invalid Kind/name: errors".</summary>
    public static SchemaReport Validate(string yaml)
    {
        var result = Command.Run("node", ["validate.mjs"], Installed.Value, yaml);
        if (result.ExitCode is not (0 or 1))
            throw new Xunit.Sdk.XunitException($"validate.mjs failed ({result.ExitCode}): {result.Error}");
        return new SchemaReport(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string Install()
    {
        var folder = RepositoryFiles.PathOf(Folder);
        // The lock file pins every package; an install already matching it is kept (npm ci would delete and fetch again).
        if (!File.Exists(Path.Combine(folder, "node_modules", ".package-lock.json")))
            Command.Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder).Succeeded($"npm ci in {Folder}");
        return folder;
    }
}
