using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Workflows.Hosting;

/// <summary>The one line that describes a bad setting, key first, from whichever exception reported it.</summary>
internal static partial class SettingProblem
{
    public static string? Describe(Exception exception) => exception switch
    {
        MissingSettingException e => e.Message,
        OptionsValidationException e => string.Join(" ", e.Failures),
        InvalidOperationException { InnerException: FormatException or ArgumentException or OverflowException } e
            when BinderFailure().Match(e.Message) is { Success: true } failure =>
            $"{failure.Groups["key"].Value}: The value must be {Expected(failure.Groups["type"].Value)}.",
        AggregateException { InnerExceptions: [var only] } => Describe(only),
        _ => null,
    };

    // The configuration binder: "Failed to convert configuration value at 'Orchestrator:RunDeadline' to type 'System.TimeSpan'."
    [GeneratedRegex("^Failed to convert configuration value(?: '.*')? at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BinderFailure();

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" or "System.Byte" or "System.UInt16" or "System.UInt32" or "System.UInt64" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.TimeSpan" => "a time span such as 00:00:30",
        "System.Boolean" => "true or false",
        "System.Uri" => "a URI",
        _ => $"a {type[(type.LastIndexOf('.') + 1)..]}",
    };
}
