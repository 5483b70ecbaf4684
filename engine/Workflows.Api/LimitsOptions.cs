using Workflows.Hosting;

namespace Workflows.Api;

/// <summary>Section <c>Workflows</c> (the same keys the Executor and Events read into WorkflowRuntimeOptions): the sizes the API accepts, 1 MiB each by default.</summary>
internal sealed class LimitsOptions
{
    public const string Section = "Workflows";
    public const int OneMiB = 1024 * 1024;

    /// <summary>A batch holds at most this many instances.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>Room for the JSON around params (id, property names, whitespace) when capping a body's size.</summary>
    public const int EnvelopeBytes = 4 * 1024;

    public int MaxParamsBytes { get; init; } = OneMiB;
    public int MaxEventPayloadBytes { get; init; } = OneMiB;

    /// <summary>Binds and checks the section; a bad value throws <see cref="MissingSettingException"/> naming it.</summary>
    public static LimitsOptions Read(IConfiguration configuration)
    {
        LimitsOptions limits;
        try
        {
            limits = configuration.GetSection(Section).Get<LimitsOptions>() ?? new LimitsOptions();
        }
        catch (InvalidOperationException)
        {
            throw new MissingSettingException($"{Section} holds a value that is not a whole number of bytes.");
        }
        // A batch of 100 instances travels as one message, and RabbitMQ's default message limit is 128 MiB.
        const int max = OneMiB;
        if (limits.MaxParamsBytes is < 1 or > max)
            throw new MissingSettingException($"{Section}:{nameof(MaxParamsBytes)} must be between 1 and {max} bytes.");
        if (limits.MaxEventPayloadBytes is < 1 or > 64 * OneMiB)
            throw new MissingSettingException($"{Section}:{nameof(MaxEventPayloadBytes)} must be between 1 and {64 * OneMiB} bytes.");
        return limits;
    }
}
