namespace Workflows.Client.Models;

/// <summary>Body of terminate (optional).</summary>
/// <param name="Rollback">True runs the rollbacks of the completed steps first.</param>
public sealed record TerminateRequest(bool? Rollback);
