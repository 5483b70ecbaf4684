namespace Workflows.Contracts;

/// <summary>Sent by the reconciler when a dispatched run has not reported back in time and no executor holds its lease.</summary>
public sealed record RedispatchInstance(string InstanceId, long Generation);
