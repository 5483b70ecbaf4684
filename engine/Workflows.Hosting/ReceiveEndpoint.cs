using MassTransit;

namespace Workflows.Hosting;

/// <summary>A receive endpoint a part configures by hand (<see cref="WorkflowsBuilder.AddReceiveEndpoint"/>).</summary>
internal sealed record ReceiveEndpoint(string QueueName, Action<IBusRegistrationContext, IReceiveEndpointConfigurator> Configure);
