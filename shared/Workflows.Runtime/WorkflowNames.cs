namespace Workflows.Runtime;

/// <summary>The rules for workflow and step names.</summary>
public static class WorkflowNames
{
    /// <summary>Longest workflow name.</summary>
    public const int MaxWorkflowNameLength = 64;

    /// <summary>Longest step name.</summary>
    public const int MaxStepNameLength = 256;

    /// <summary>Why a workflow name is invalid, or null when it is valid (1–64 characters, no control characters, valid Unicode).</summary>
    /// <param name="name">The name.</param>
    /// <returns>A sentence, or null.</returns>
    public static string? ValidateWorkflowName(string? name) => Validate("workflow", name, MaxWorkflowNameLength);

    /// <summary>Why a step name is invalid, or null when it is valid (1–256 characters, no control characters, valid Unicode).</summary>
    /// <param name="name">The name.</param>
    /// <returns>A sentence, or null.</returns>
    public static string? ValidateStepName(string? name) => Validate("step", name, MaxStepNameLength);

    private static string? Validate(string what, string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name))
            return $"A {what} name cannot be empty.";
        if (name.Length > maxLength)
            return $"The {what} name '{name[..Math.Min(40, name.Length)]}…' is {name.Length} characters long; the limit is {maxLength}.";
        if (name.Any(char.IsControl))
            return $"The {what} name '{name.Replace("\n", "\\n", StringComparison.Ordinal)}' contains control characters.";
        if (!InputRules.IsValidUnicode(name))
            return $"The {what} name is not valid Unicode (an unpaired surrogate character).";
        return null;
    }
}
