using Microsoft.Extensions.Options;

namespace Workflows.Client;

/// <summary>Fails the options with a sentence naming the missing or wrong setting.</summary>
internal sealed class WorkflowsClientOptionsValidation : IValidateOptions<WorkflowsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowsClientOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
