namespace Workflows.Benchmarks;

/// <summary>The repository this binary was built from: the first folder above it that holds <c>Workflows.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                return dir.FullName;
        return null;
    }
}
