using Microsoft.EntityFrameworkCore;
using Workflows.Api.Http;
using Workflows.Storage;

namespace Workflows.Api.Endpoints;

/// <summary>The 404s the instance routes share.</summary>
internal static class InstanceLookup
{
    /// <summary>An instance of another workflow is as unknown as one that does not exist.</summary>
    public static async Task EnsureInstanceExistsAsync(WorkflowsDbContext db, string workflow, string id, CancellationToken ct)
    {
        if (!await db.Instances.AnyAsync(x => x.InstanceId == id && x.Workflow == workflow, ct))
            throw InstanceNotFound(workflow, id);
    }

    public static async Task EnsureWorkflowExistsAsync(WorkflowsDbContext db, string workflow, CancellationToken ct)
    {
        if (!await db.WorkflowDefinitions.AnyAsync(w => w.Name == workflow, ct))
            throw ProblemException.NotFound($"No Executor has registered a workflow named '{workflow}'.");
    }

    public static ProblemException InstanceNotFound(string workflow, string id) =>
        ProblemException.NotFound($"Workflow '{workflow}' has no instance '{id}'.");
}
