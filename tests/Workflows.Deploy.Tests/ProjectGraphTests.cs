using System.Xml.Linq;

namespace Workflows.Deploy.Tests;

/// <summary>The shape of the tree: libraries hold the logic, hosts are a few lines, and nothing references a host.</summary>
public sealed class ProjectGraphTests
{
    private static readonly string[] Projects = Directory
        .GetFiles(RepositoryFiles.Root, "*.csproj", SearchOption.AllDirectories)
        .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "content"))
        .ToArray();

    [Fact]
    public void No_project_references_an_executable_project()
    {
        var offending = Projects
            .SelectMany(project => References(project).Select(reference => (project, reference)))
            .Where(x => IsExecutable(x.reference))
            .Select(x => $"{Relative(x.project)} -> {Relative(x.reference)}")
            .ToList();

        Assert.True(offending.Count == 0, "references to executables:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Every_service_host_is_one_ServiceRunner_call_on_AddWorkflows()
    {
        var hosts = Directory.GetDirectories(RepositoryFiles.PathOf("hosts"));
        Assert.NotEmpty(hosts);
        foreach (var host in hosts)
        {
            var program = File.ReadAllLines(Path.Combine(host, "Program.cs"))
                .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("using ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("//", StringComparison.Ordinal))
                .ToList();
            var statement = Assert.Single(program);
            Assert.StartsWith("return ServiceRunner.Run(args, b => b.AddWorkflows()", statement, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> References(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))));

    /// <summary>An explicit Exe, or the Web SDK (whose default output is an executable) without OutputType Library.</summary>
    private static bool IsExecutable(string project)
    {
        var xml = XDocument.Load(project);
        var outputType = xml.Descendants("OutputType").LastOrDefault()?.Value;
        if (outputType is not null)
            return outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase);
        return xml.Root?.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web";
    }

    private static string Relative(string path) => Path.GetRelativePath(RepositoryFiles.Root, path);
}
