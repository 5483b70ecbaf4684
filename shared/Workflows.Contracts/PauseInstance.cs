namespace Workflows.Contracts;

/// <summary>Request: pause at the next step boundary. Replies InstanceCommandAccepted or InstanceCommandRejected.</summary>
public sealed record PauseInstance(string InstanceId);
