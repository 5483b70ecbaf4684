using Workflows.Runtime;
using Workflows.Storage.Schedules;

namespace Workflows.Api.Http;

/// <summary>
/// Checks the workflow name, instance id, event type and schedule id in a route against the engine's input rules before the handler
/// runs: a value no instance could have is a 400 that says why, not a 404 (or a query the database would refuse).
/// </summary>
internal sealed class RouteValuesFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var values = context.HttpContext.Request.RouteValues;
        var problem = (values.TryGetValue("workflow", out var workflow) ? WorkflowNames.ValidateWorkflowName(workflow as string) : null)
            ?? (values.TryGetValue("id", out var id) ? InputRules.InstanceId(id as string) : null)
            ?? (values.TryGetValue("type", out var type) ? InputRules.EventType(type as string) : null)
            ?? (values.TryGetValue("scheduleId", out var scheduleId) ? ScheduleIds.Validate(scheduleId as string) : null);
        return problem is null ? next(context) : throw ProblemException.BadRequest(problem);
    }
}
