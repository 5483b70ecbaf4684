using System.Text.Json;

namespace Workflows.Runtime;

/// <summary>The one serialization of a step's result, whether its real body or a mock (<see cref="IStepOverrides"/>) produced it.</summary>
internal static class StepResultJson
{
    /// <summary>Writes <paramref name="value"/> as the step's type <typeparamref name="T"/>, so its converters and polymorphism apply.</summary>
    public static string Serialize<T>(object? value) =>
        JsonSerializer.Serialize(value, WrittenAs<T>(value), WorkflowJson.Options);

    private static Type WrittenAs<T>(object? value) => value switch
    {
        T => typeof(T),
        // A mock's null for a value-type step is written as "null" and then fails to read back, like any mismatched mock.
        null => default(T) is null ? typeof(T) : typeof(object),
        // A mock may stand in with another shape ("any shape that reads back as the step's type"): only its own type can write it.
        _ => value.GetType(),
    };
}
