using System.Text.Json;
using Workflows.Contracts;

namespace Workflows.Cli.Models;

/// <summary><c>GET /api/workflows/{workflow}/instances/{id}</c>.</summary>
internal sealed record InstanceDetails(
    string Id,
    string Workflow,
    string Status,
    JsonElement? Params,
    JsonElement? Output,
    ErrorInfo? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<StepDetails> Steps)
{
    /// <summary>complete, errored and terminated are final: nothing changes the instance afterwards but a restart.</summary>
    public bool HasEnded => Status is InstanceStatuses.Complete or InstanceStatuses.Errored or InstanceStatuses.Terminated;
}
