using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Storage.EventLog;

namespace Workflows.Orchestrator.Callbacks;

/// <summary>
/// What a callback POSTs, in the Standard Webhooks payload shape: <c>{ "type": "InstanceCompleted", "timestamp": ...,
/// "data": { the lifecycle event, camelCase } }</c>.
/// </summary>
public static class CallbackBody
{
    public static string Json(InstanceEventRow row)
    {
        var message = LifecycleMessages.Read(row);
        var body = new JsonObject
        {
            ["type"] = row.MessageType,
            ["timestamp"] = row.Timestamp,
            ["data"] = JsonSerializer.SerializeToNode(message, message.GetType(), JsonSerializerOptions.Web),
        };
        return body.ToJsonString();
    }
}
