namespace Workflows.Contracts;

/// <summary>Published by the Events service when an event of Type is in an instance's inbox.</summary>
public sealed record EventAvailable(string InstanceId, string Type);
