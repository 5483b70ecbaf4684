using System.Text.Json.Serialization;

namespace Workflows.Client.Models;

/// <summary>How an instance's rollbacks went.</summary>
/// <param name="Outcome"><c>complete</c> or <c>failed</c>.</param>
/// <param name="Error">The failed rollback's error.</param>
public sealed record RollbackInfo(
    string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorInfo? Error);
