namespace Workflows.Orchestrator.Tests.Sagas;

/// <summary>Creates the probe instance; the delay widens the window between load and insert so two creates can race.</summary>
public sealed record SagaProbeCreated(string InstanceId, int DelayMilliseconds = 0);

public sealed record SagaProbeBumped(string InstanceId);

public sealed record SagaProbeFinished(string InstanceId);
