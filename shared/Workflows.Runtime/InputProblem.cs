namespace Workflows.Runtime;

/// <summary>Why an input was refused, as a sentence a caller can show (<see cref="InputRules"/>).</summary>
/// <param name="Kind">Which kind of rule it broke.</param>
/// <param name="Message">The sentence, naming the input and the rule.</param>
public sealed record InputProblem(InputProblemKind Kind, string Message)
{
    internal static InputProblem Invalid(string message) => new(InputProblemKind.Invalid, message);

    internal static InputProblem TooLarge(string message) => new(InputProblemKind.TooLarge, message);
}
