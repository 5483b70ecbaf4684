using System.ComponentModel.DataAnnotations;

namespace Workflows.Orchestrator.Callbacks;

/// <summary>Settings of section <c>Workflows:Callbacks</c>: how instances' callback URLs are called.</summary>
public sealed class CallbackOptions : IValidatableObject
{
    public const string Section = "Workflows:Callbacks";

    /// <summary>
    /// The Standard Webhooks signing secret, <c>whsec_</c> followed by base64 (at least 24 bytes). Without it nothing is
    /// delivered (empty counts as unset): deliveries wait (up to <see cref="Retention"/>) until a secret is configured.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long an event is retried before it is dropped (and the instance's next event goes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The wait before the first retry; each further retry waits twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one POST may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the deliverer looks for due deliveries when it found none.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 30));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Secret) && (!Secret.StartsWith(CallbackSignature.SecretPrefix, StringComparison.Ordinal) || CallbackSignature.Key(Secret) is not { Length: >= 24 }))
            yield return new ValidationResult($"{Section}:Secret must be 'whsec_' followed by at least 24 bytes in base64.", [nameof(Secret)]);
    }
}
