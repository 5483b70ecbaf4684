using Microsoft.Extensions.Options;

namespace Workflows.Runtime;

/// <summary>Runs <see cref="WorkflowRuntimeOptions.Validate"/> for the options system.</summary>
public sealed class WorkflowRuntimeOptionsValidator : IValidateOptions<WorkflowRuntimeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkflowRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
