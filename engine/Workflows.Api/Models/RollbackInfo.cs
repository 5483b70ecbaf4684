using System.Text.Json.Serialization;

namespace Workflows.Api.Models;

/// <summary>How an instance's rollbacks went: <c>complete</c> or <c>failed</c> (with the failed rollback's error).</summary>
internal sealed record RollbackInfo(
    string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorInfo? Error);
