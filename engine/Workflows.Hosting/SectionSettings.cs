using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Workflows.Hosting;

/// <summary>
/// Checks a settings class by its data annotations and names every problem by its configuration key
/// (<c>Orchestrator:RunDeadline: The field RunDeadline must be between 00:00:01 and 1.00:00:00.</c>).
/// </summary>
/// <param name="section">The section the options are bound from.</param>
public sealed class SectionSettings<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = Problems(section, options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    internal static List<string> Problems(string section, TOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}")];
    }
}
