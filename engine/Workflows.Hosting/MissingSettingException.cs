namespace Workflows.Hosting;

/// <summary>A required setting is missing or malformed; the message is one sentence naming the key.</summary>
public sealed class MissingSettingException(string message) : Exception(message);
