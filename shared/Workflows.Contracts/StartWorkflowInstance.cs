using System.Text.Json;

namespace Workflows.Contracts;

/// <summary>
/// Start by message, for any service or non-.NET client; a duplicate InstanceId is ignored. Params is the params as a JSON
/// value (ParamsJson, the same as a JSON string, is still read when Params is absent). With a response address the sender
/// gets <see cref="WorkflowInstanceStarted"/> or <see cref="StartWorkflowInstanceRejected"/>; a rejected start also goes to
/// <see cref="QueueNames.StartRejected"/>.
/// </summary>
public sealed record StartWorkflowInstance(string Workflow, string? InstanceId, string? ParamsJson, JsonElement? Params = null, int? Priority = null);
