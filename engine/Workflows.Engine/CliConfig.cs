using System.Text.Json;
using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>
/// <c>.workflows/cli.json</c>, the contract with the <c>workflows</c> CLI: where the API is and the key to call it with.
/// Shape: <c>{ "url": "http://127.0.0.1:5106", "apiKey": "wf_..." }</c>.
/// </summary>
public sealed record CliConfig(string Url, string ApiKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The file's content, or null when it is missing or unreadable.</summary>
    public static CliConfig? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the file readable by its owner only: it holds a key.</summary>
    public void Write(string path)
    {
        OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        OwnerOnlyFiles.CreateFile(path);
        OwnerOnlyFiles.Restrict(path);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);
    }
}
