namespace Workflows.Client;

/// <summary>Section <c>Workflows:Client</c>: where the Api is and which key to send.</summary>
public sealed class WorkflowsClientOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string Section = "Workflows:Client";

    /// <summary>The Api's base URL, such as <c>http://workflows-api:8080</c> (required).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>One of the Api's keys (<c>Api:Keys</c>), sent as <c>Authorization: Bearer</c> (required).</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one request may take, retries included (default 30 s); a stream's connection is not bounded by it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Why the options cannot work, naming the setting, or null.</summary>
    internal string? Validate()
    {
        if (BaseAddress is null)
            return $"{Section}:{nameof(BaseAddress)} is not set: give the Api's base URL, such as http://127.0.0.1:5100.";
        if (!BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("http" or "https"))
            return $"{Section}:{nameof(BaseAddress)} '{BaseAddress}' is not an absolute http(s) URL.";
        if (string.IsNullOrWhiteSpace(ApiKey))
            return $"{Section}:{nameof(ApiKey)} is not set: give one of the Api's keys (Api:Keys).";
        if (Timeout <= TimeSpan.Zero)
            return $"{Section}:{nameof(Timeout)} must be positive.";
        return null;
    }
}
