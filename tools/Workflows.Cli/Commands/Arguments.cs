using System.CommandLine;
using System.Globalization;

namespace Workflows.Cli.Commands;

/// <summary>Arguments and options several commands share; each command gets its own instance.</summary>
internal static class Arguments
{
    public static Argument<string> Workflow() => new("workflow") { Description = "The workflow's name, e.g. approval." };

    public static Argument<string> InstanceId() => new("id") { Description = "The instance's id." };

    public static Option<bool> Watch() => new("--watch", "-w")
    {
        Description = "Follow the instance live until it is complete (exit 0), errored or terminated (non-zero).",
    };

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>; anything else (text, a sign, a fraction,
    /// out of range) is a parse error naming the option, its range and the value, so nothing is sent.
    /// </summary>
    public static Option<int?> WholeNumber(string name, string description, int min, int max = int.MaxValue)
    {
        var range = max == int.MaxValue ? $"{min} or more" : $"from {min} to {max}";
        return new Option<int?>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                    return value;
                result.AddError($"{name} must be a whole number {range}; got '{text}'.");
                return null;
            },
        };
    }

    /// <summary>A repeatable <c>--metadata key=value</c>.</summary>
    public static Option<string[]> Metadata(string description) => new("--metadata")
    {
        Description = description + " As key=value.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The <c>key=value</c> pairs of <see cref="Metadata"/> (null for none); one without '=' is a usage error.</summary>
    public static Dictionary<string, string>? ParseMetadata(string[]? pairs)
    {
        if (pairs is not { Length: > 0 }) return null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw CliException.Usage($"--metadata '{pair}' is not key=value.");
            metadata[pair[..equals]] = pair[(equals + 1)..];
        }
        return metadata;
    }
}
