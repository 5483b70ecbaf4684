using System.Collections;
using System.Reflection;
using Workflows.Hosting;

namespace Workflows.Deploy.Tests;

/// <summary>
/// The settings one service reads, taken from its code: the connection-string keys of ServiceDefaults, and every
/// property of every options type (a type with a <c>const string Section</c>) in the service and the Workflows
/// assemblies it references, plus the host's and OpenTelemetry's own variables.
/// </summary>
internal sealed class ConfigurationKeys
{
    /// <summary>Read by ASP.NET Core's host and the OpenTelemetry SDK, not by an options type of ours.</summary>
    private static readonly string[] HostAndTelemetryKeys =
    [
        "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
        "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_HEADERS",
    ];

    private const string AnyName = "{name}";
    private const string AnyIndex = "{index}";

    private readonly Dictionary<string, bool> _keys = new(StringComparer.OrdinalIgnoreCase);

    public ConfigurationKeys(DeployableService service)
    {
        var assemblies = WorkflowsAssemblies(service.Assembly);
        if (assemblies.Contains(typeof(PostgresSettings).Assembly))
        {
            _keys[PostgresSettings.Key] = false;
            _keys[RabbitMqAddress.Key] = false;
            Required.Add(PostgresSettings.Key);
            Required.Add(RabbitMqAddress.Key);
        }

        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                ? field.GetRawConstantValue() as string
                : null;
            if (section is null)
                continue;
            Sections.Add(section);
            AddProperties(section, type);
        }

        // The Api refuses to start without a key (ApiOptions.Keys).
        if (Sections.Contains("Api"))
            Required.Add("Api:Keys");
    }

    /// <summary>Section names found, e.g. <c>Orchestrator</c>, <c>Workflows</c>.</summary>
    public HashSet<string> Sections { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keys without which the service does not start.</summary>
    public List<string> Required { get; } = [];

    /// <summary><c>Api__Keys__0</c> and <c>Api:Keys:0</c> alike.</summary>
    public static string Normalize(string key) => key.Replace("__", ":", StringComparison.Ordinal);

    public bool IsRead(string key)
    {
        if (HostAndTelemetryKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            return true;
        key = Normalize(key);
        if (_keys.ContainsKey(key))
            return true;
        var last = key.LastIndexOf(':');
        if (last > 0 && int.TryParse(key[(last + 1)..], out _) && _keys.GetValueOrDefault(key[..last]))
            return true;
        // Keys under a dictionary (Webhooks:Sources:{name}:…) or a list of options (…:Routes:{i}:…) match a pattern.
        var segments = key.Split(':');
        return _keys.Any(k => Matches(k.Key.Split(':'), segments)
            || (k.Value && int.TryParse(segments[^1], out _) && Matches(k.Key.Split(':'), segments[..^1])));
    }

    private static bool Matches(string[] pattern, string[] segments) =>
        pattern.Length == segments.Length && pattern.Zip(segments).All(p => p.First switch
        {
            AnyName => true,
            AnyIndex => int.TryParse(p.Second, out _),
            _ => p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase),
        });

    /// <summary>Whether <paramref name="setKeys"/> give <paramref name="required"/>: itself, or an element of it (<c>Api:Keys:0</c>).</summary>
    public static bool Gives(IEnumerable<string> setKeys, string required) =>
        setKeys.Select(Normalize).Any(k => k.Equals(required, StringComparison.OrdinalIgnoreCase)
            || k.StartsWith(required + ":", StringComparison.OrdinalIgnoreCase));

    private void AddProperties(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || property.GetIndexParameters().Length > 0)
                continue;
            var key = $"{prefix}:{property.GetCustomAttribute<Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute>()?.Name ?? property.Name}";
            var propertyType = property.PropertyType;
            var isCollection = propertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(propertyType);
            if (propertyType.IsGenericType && propertyType.GetGenericArguments()[^1] is { } element && IsOptionsType(element))
            {
                AddProperties($"{key}:{(propertyType.GetGenericArguments().Length == 2 ? AnyName : AnyIndex)}", element);
                continue;
            }
            _keys[key] = isCollection;
            if (!isCollection && IsOptionsType(propertyType))
                AddProperties(key, propertyType);
        }
    }

    private static bool IsOptionsType(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Workflows", StringComparison.Ordinal) == true;

    private static HashSet<Assembly> WorkflowsAssemblies(Assembly root)
    {
        var found = new HashSet<Assembly> { root };
        var pending = new Queue<Assembly>(found);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (name.Name?.StartsWith("Workflows.", StringComparison.Ordinal) == true && found.Add(Assembly.Load(name)))
                    pending.Enqueue(Assembly.Load(name));
            }
        }
        return found;
    }
}
