namespace Workflows.Contracts;

/// <summary>Request: resume a paused instance. Replies InstanceCommandAccepted or InstanceCommandRejected.</summary>
public sealed record ResumeInstance(string InstanceId);
