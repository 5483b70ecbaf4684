namespace Workflows.Samples;

/// <summary>An OpenAI-compatible chat endpoint (<c>IssueTriage:Model</c>).</summary>
public sealed class IssueTriageModelOptions
{
    /// <summary>The API's base URL, such as <c>https://api.openai.com/v1</c> (<c>IssueTriage:Model:Endpoint</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The API key (<c>IssueTriage:Model:ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model's name, such as <c>gpt-4o-mini</c> (<c>IssueTriage:Model:Name</c>).</summary>
    public string? Name { get; set; }
}
