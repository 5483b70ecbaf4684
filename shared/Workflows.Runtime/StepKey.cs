using System.Globalization;

namespace Workflows.Runtime;

/// <summary>
/// A step's key in an instance's history: the step name and which use of that name in the run it is
/// (<c>charge card#2</c>). Keys are stored (step rows, consumed events), so the format never changes.
/// </summary>
public static class StepKey
{
    /// <summary>Between the name and the occurrence.</summary>
    public const char Separator = '#';

    /// <summary>The key of the <paramref name="occurrence"/>th use (1-based) of <paramref name="name"/>.</summary>
    /// <param name="name">The step name.</param>
    /// <param name="occurrence">1 for the first use of the name in a run, 2 for the second, and so on.</param>
    /// <returns>The key.</returns>
    public static string Format(string name, int occurrence) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}{Separator}{occurrence}");

    /// <summary>The name and occurrence a key was made of.</summary>
    /// <param name="key">A key made by <see cref="Format"/>.</param>
    /// <returns>The name and the occurrence.</returns>
    /// <exception cref="FormatException">The key does not end in <c>#</c> and a positive number.</exception>
    public static (string Name, int Occurrence) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        // The last '#': a step name may hold one too.
        var at = key.LastIndexOf(Separator);
        if (at < 0 || !int.TryParse(key.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var occurrence) || occurrence < 1)
            throw new FormatException($"'{key}' is not a step key: a step name, '{Separator}' and the occurrence, such as 'charge card{Separator}1'.");
        return (key[..at], occurrence);
    }
}
