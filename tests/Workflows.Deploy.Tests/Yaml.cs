using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Workflows.Deploy.Tests;

/// <summary>
/// YAML as plain maps, lists and strings, with merge keys (<c>&lt;&lt;: *anchor</c>) resolved as docker compose does.
/// Every scalar stays a string, so <c>replicas: 2</c> reads "2".
/// </summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<object> LoadAll(string text)
    {
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Deserializer.Deserialize(parser) is { } document)
                documents.Add(document);
        }
        return documents;
    }

    public static object Load(string text) => LoadAll(text).Single();

    public static IReadOnlyDictionary<string, object?> AsMap(this object? node) =>
        node is IDictionary<object, object?> map
            ? map.ToDictionary(e => (string)e.Key, e => e.Value, StringComparer.Ordinal)
            : new Dictionary<string, object?>();

    public static IReadOnlyList<object?> AsList(this object? node) => node is IList<object?> list ? [.. list] : [];

    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
            node = node.AsMap().GetValueOrDefault(key);
        return node;
    }

    public static string? Text(this object? node, params string[] path) => node.At(path) as string;
}
