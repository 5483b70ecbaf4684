namespace Workflows.Runtime;

/// <summary>What kind of rule an input broke: HTTP answers <see cref="TooLarge"/> with 413 and <see cref="Invalid"/> with 400.</summary>
public enum InputProblemKind
{
    /// <summary>Malformed or not allowed: not JSON, too deep, not valid UTF-8 or Unicode, a NUL, a bad id, name or type.</summary>
    Invalid,

    /// <summary>Bigger than its size limit, measured as stored (UTF-8 bytes of the JSON text).</summary>
    TooLarge,
}
