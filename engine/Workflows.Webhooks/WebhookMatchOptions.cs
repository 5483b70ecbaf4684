namespace Workflows.Webhooks;

/// <summary>One condition of a route (<c>Routes:{i}:Match:{j}</c>): a body value or a header equals one of the given values.</summary>
public sealed class WebhookMatchOptions
{
    /// <summary>A JSON pointer into the body (<c>/action</c>); <c>*</c> steps through an array (<c>/issue/labels/*/name</c>: any element).</summary>
    public string? Pointer { get; set; }

    /// <summary>Or a request header's name (<c>X-GitHub-Event</c>).</summary>
    public string? Header { get; set; }

    /// <summary>The value (key <c>Equals</c>); <c>a|b</c> matches either.</summary>
    [ConfigurationKeyName("Equals")]
    public string? Value { get; set; }
}
