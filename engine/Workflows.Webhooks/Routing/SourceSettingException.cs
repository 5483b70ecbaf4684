namespace Workflows.Webhooks.Routing;

/// <summary>A source's settings are wrong: <see cref="Key"/> (under <c>Webhooks</c>) names the setting, the message says why.</summary>
internal sealed class SourceSettingException(string key, string message) : Exception(message)
{
    public string Key { get; } = key;
}
