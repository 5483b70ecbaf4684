using System.ComponentModel.DataAnnotations;

namespace Workflows.Api;

/// <summary>Section <c>Api</c>: who may call the API and how long it waits for the Orchestrator.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The key under which the bearer keys are configured.</summary>
    public const string KeysKey = Section + ":" + nameof(Keys);

    /// <summary>Accepted bearer keys (<c>Api:Keys:0</c>, <c>Api:Keys:1</c>, … or one comma-separated <c>Api:Keys</c>), trimmed, blanks dropped.</summary>
    [MinLength(1, ErrorMessage = "No API key is set: give at least one (Api__Keys__0=<key>, or a comma-separated Api__Keys).")]
    public List<string> Keys { get; set; } = [];

    /// <summary>
    /// Keys with a name (<c>Api:NamedKeys:{name}=&lt;key&gt;</c>), accepted like <see cref="Keys"/>; the name is who an approval
    /// or rejection made with the key is <c>by</c>. A key of <see cref="Keys"/> is named <c>key-{n}</c> by its position (from 1).
    /// </summary>
    public Dictionary<string, string> NamedKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long a request to the Orchestrator or the Events service may take before the API answers 503.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every accepted key with its name: those of <see cref="Keys"/> first (<c>key-1</c>, …), then <see cref="NamedKeys"/>.</summary>
    public IEnumerable<(string Name, string Key)> KeysByName()
    {
        var named = NamedKeys.Where(k => k.Value.Trim().Length > 0).ToDictionary(k => k.Value.Trim(), k => k.Key, StringComparer.Ordinal);
        return Keys.Select((key, i) => (named.GetValueOrDefault(key) ?? $"key-{i + 1}", key));
    }

    /// <summary>How often an open instance stream (<c>/stream</c>) reads its instance's new events: one indexed query per stream.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The keys configured under <see cref="KeysKey"/>, in either form: the one reading of the setting, for the options and the embedded engine.</summary>
    public static List<string> ConfiguredKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keys = configuration.GetSection(KeysKey);
        var all = keys.Value is { } joined ? joined.Split(',') : keys.GetChildren().Select(c => c.Value ?? "");
        return [.. all.Select(k => k.Trim()).Where(k => k.Length > 0)];
    }
}
