using MassTransit;

namespace Workflows.Client.Observers;

/// <summary>The observers' own bus connection (MassTransit's multi-bus), so it sits beside any bus the service already has.</summary>
public interface ILifecycleBus : IBus;
