using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Workflows.Runtime;

/// <summary>
/// Checks a settings class by its data annotations and names every problem by its configuration key
/// (<c>Orchestrator:RunDeadline: The field RunDeadline must be between 00:00:01 and 1.00:00:00.</c>). It lives in the
/// Runtime, the lowest layer with settings, so the TestKit and every service check <see cref="WorkflowRuntimeOptions"/> alike.
/// </summary>
/// <param name="section">The section the options are bound from.</param>
public sealed class SectionSettings<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = Problems(section, options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem with <paramref name="options"/>, one sentence each starting with its key; empty when valid.</summary>
    /// <param name="section">The section the options are bound from.</param>
    /// <param name="options">The options.</param>
    /// <returns>The problems.</returns>
    public static IReadOnlyList<string> Problems(string section, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}")];
    }
}
