namespace Workflows.Deploy.Tests;

/// <summary>One service of docker-compose.yml, merge keys resolved.</summary>
internal sealed record ComposeService(string Name, object? Node)
{
    public const string ComposePath = "docker-compose.yml";

    public static IReadOnlyList<ComposeService> All { get; } = Yaml.Load(RepositoryFiles.Read(ComposePath))
        .At("services").AsMap()
        .Select(e => new ComposeService(e.Key, e.Value))
        .ToList();

    public static ComposeService Named(string name) =>
        All.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"{ComposePath} has no service '{name}'.");

    /// <summary>The environment, written as a map or as a list of NAME=value.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = Node.At("environment");
            if (environment is IList<object?> list)
                return list.OfType<string>().Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
            return environment.AsMap().ToDictionary(e => e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<string> Ports => Node.At("ports").AsList().OfType<string>().ToList();

    /// <summary>The health check's command, as one string.</summary>
    public string? HealthCheck => Node.At("healthcheck", "test") switch
    {
        string command => command,
        IList<object?> parts => string.Join(' ', parts),
        _ => null,
    };

    public IReadOnlyDictionary<string, string> DependsOn => Node.At("depends_on") switch
    {
        IList<object?> names => names.OfType<string>().ToDictionary(n => n, _ => "service_started", StringComparer.Ordinal),
        var map => map.AsMap().ToDictionary(e => e.Key, e => e.Value.Text("condition") ?? "service_started", StringComparer.Ordinal),
    };

    /// <summary>Built from this repository's Dockerfile (as opposed to a published image such as postgres).</summary>
    public bool IsBuilt => Node.At("build") is not null;
}
