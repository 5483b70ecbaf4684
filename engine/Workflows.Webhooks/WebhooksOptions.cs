using System.ComponentModel.DataAnnotations;
using Workflows.Webhooks.Routing;

namespace Workflows.Webhooks;

/// <summary>Settings of the Webhooks part (section <c>Webhooks</c>); every source is checked at start.</summary>
public sealed class WebhooksOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Webhooks";

    /// <summary>The sources by name, each answering <c>POST /webhooks/{source}</c>.</summary>
    public Dictionary<string, WebhookSourceOptions> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest body accepted (413 above it); 1 MiB by default.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a delivery id is remembered as acted on (a redelivery within it answers <c>duplicate</c>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long to wait for the Orchestrator or the Events service to confirm a hand-over before answering 503.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, source) in Sources)
            if (WebhookSource.Problem(name, source) is { } problem)
                yield return new ValidationResult(problem.Message, [problem.Key]);
    }
}
