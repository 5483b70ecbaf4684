namespace Workflows.Testing;

/// <summary>One RabbitMQ queue of a test's vhost as the management API sees it.</summary>
public sealed record QueueState(string Name, long Messages, long Consumers);
