namespace Workflows.Api.Models;

/// <summary>Body of terminate (optional): <c>{"rollback": true}</c> runs the rollbacks of the completed steps first.</summary>
internal sealed record TerminateRequest(bool? Rollback);
