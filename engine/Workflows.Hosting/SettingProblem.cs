using Microsoft.Extensions.Options;

namespace Workflows.Hosting;

/// <summary>The one line that describes a bad setting, from whichever exception reported it.</summary>
internal static class SettingProblem
{
    public static string? Describe(Exception exception) => exception switch
    {
        MissingSettingException e => e.Message,
        OptionsValidationException e => string.Join(" ", e.Failures),
        // The configuration binder: "Failed to convert configuration value at 'Orchestrator:RunDeadline' to type 'System.TimeSpan'."
        InvalidOperationException { InnerException: FormatException or ArgumentException or OverflowException } e
            when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => e.Message,
        AggregateException { InnerExceptions: [var only] } => Describe(only),
        _ => null,
    };
}
