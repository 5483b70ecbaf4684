namespace Workflows.Deploy.Tests;

/// <summary>The k8s/ manifests: what a kustomization applies, and every manifest file for the secret checks.</summary>
internal static class KubernetesManifests
{
    public const string Directory = "k8s";

    /// <summary>The documents <c>kubectl apply -k {directory}</c> would apply, following <c>resources</c> (no patches are used).</summary>
    public static IReadOnlyList<object> Applied(string directory = Directory)
    {
        var kustomization = Yaml.Load(RepositoryFiles.Read($"{directory}/kustomization.yaml"));
        var documents = new List<object>();
        foreach (var resource in kustomization.At("resources").AsList().OfType<string>())
        {
            var path = Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(RepositoryFiles.PathOf(directory), resource))).Replace('\\', '/');
            documents.AddRange(System.IO.Directory.Exists(RepositoryFiles.PathOf(path)) ? Applied(path) : Yaml.LoadAll(RepositoryFiles.Read(path)));
        }
        return documents;
    }

    /// <summary>Every manifest in every file under k8s/, kustomizations left out.</summary>
    public static IReadOnlyList<(string File, object Document)> AllFiles() => System.IO.Directory
        .GetFiles(RepositoryFiles.PathOf(Directory), "*.yaml", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) != "kustomization.yaml")
        .SelectMany(f => Yaml.LoadAll(File.ReadAllText(f)).Select(d => (Path.GetRelativePath(RepositoryFiles.Root, f), d)))
        .ToList();

    public static string? Kind(this object document) => document.Text("kind");

    public static string? Name(this object document) => document.Text("metadata", "name");

    public static IEnumerable<object?> Containers(this object workload) =>
        workload.At("spec", "template", "spec", "containers").AsList();

    public static object Deployment(string name) =>
        Applied().SingleOrDefault(d => d.Kind() == "Deployment" && d.Name() == name)
        ?? throw new Xunit.Sdk.XunitException($"k8s/kustomization.yaml applies no Deployment '{name}'.");
}
