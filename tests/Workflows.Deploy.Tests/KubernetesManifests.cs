namespace Workflows.Deploy.Tests;

/// <summary>The k8s/ manifests: what a kustomization applies, and every manifest file for the secret checks.</summary>
internal static class KubernetesManifests
{
    public const string Directory = "k8s";

    /// <summary>Every kustomization a user applies: the default (KEDA), each overlay, the dev cluster's, and the base.</summary>
    public static readonly string[] Kustomizations = [Directory, "k8s/overlays/keda", "k8s/overlays/hpa", "k8s/dev", "k8s/base"];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Rendered = new();

    /// <summary>What <c>kubectl kustomize {directory}</c> renders: the YAML <c>kubectl apply -k</c> would send.</summary>
    public static string Render(string directory = Directory) => Rendered.GetOrAdd(directory, d =>
        Command.Run("kubectl", ["kustomize", d]).Succeeded($"kubectl kustomize {d}").Output);

    /// <summary>The documents <c>kubectl apply -k {directory}</c> would apply, as <see cref="Yaml"/> reads them.</summary>
    public static IReadOnlyList<object> Applied(string directory = Directory) => Yaml.LoadAll(Render(directory));

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

    /// <summary>The pod spec of a Deployment, StatefulSet or Job.</summary>
    public static object? PodSpec(this object workload) => workload.At("spec", "template", "spec");

    public static object Deployment(string name, string directory = Directory) =>
        Applied(directory).SingleOrDefault(d => d.Kind() == "Deployment" && d.Name() == name)
        ?? throw new Xunit.Sdk.XunitException($"{directory}/kustomization.yaml applies no Deployment '{name}'.");
}
