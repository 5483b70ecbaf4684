using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api;
using Workflows.Api.Diagrams;
using Workflows.Api.Endpoints;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Dashboard.Pages;

/// <summary>
/// One instance: status, params, output, error, the step timeline and the diagram with each step's state (the live part,
/// re-read every second by dashboard.js through <see cref="OnGetLiveAsync"/>), and its actions.
/// </summary>
public sealed class InstanceModel(IDbContextFactory<WorkflowsDbContext> dbs) : DashboardPage
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true, MaxDepth = WorkflowJson.MaxReadDepth };

    internal string Workflow { get; private set; } = "";
    internal string Id { get; private set; } = "";
    internal InstanceDetails? Details { get; private set; }
    internal IReadOnlyList<StepRow> Steps { get; private set; } = [];
    internal WorkflowDiagram? Diagram { get; private set; }

    /// <summary>Whether nothing changes any more without an action, so the page stops polling.</summary>
    internal bool HasEnded => Details?.Status is InstanceStatuses.Complete or InstanceStatuses.Errored or InstanceStatuses.Terminated;

    /// <summary>The whole page; 404 when the workflow has no such instance.</summary>
    public async Task<IActionResult> OnGetAsync(string workflow, string id, CancellationToken ct) =>
        await LoadAsync(workflow, id, ct) ? Page() : NotFound();

    /// <summary>Only the live part (status, outcome, timeline, diagram), for dashboard.js to swap in.</summary>
    public async Task<IActionResult> OnGetLiveAsync(string workflow, string id, CancellationToken ct) =>
        await LoadAsync(workflow, id, ct) ? Partial("_InstanceLive", this) : NotFound();

    /// <summary>Pauses at the next step boundary.</summary>
    public Task<IActionResult> OnPostPauseAsync(string workflow, string id, [FromServices] IRequestClient<PauseInstance> client, [FromServices] IOptions<ApiOptions> api, CancellationToken ct) =>
        CommandAsync(workflow, id, client, new PauseInstance(id), api, "Pause", ct);

    /// <summary>Resumes a paused instance.</summary>
    public Task<IActionResult> OnPostResumeAsync(string workflow, string id, [FromServices] IRequestClient<ResumeInstance> client, [FromServices] IOptions<ApiOptions> api, CancellationToken ct) =>
        CommandAsync(workflow, id, client, new ResumeInstance(id), api, "Resume", ct);

    /// <summary>Ends the instance for good.</summary>
    public Task<IActionResult> OnPostTerminateAsync(string workflow, string id, [FromServices] IRequestClient<TerminateInstance> client, [FromServices] IOptions<ApiOptions> api, CancellationToken ct) =>
        CommandAsync(workflow, id, client, new TerminateInstance(id), api, "Terminate", ct);

    /// <summary>Runs again from the start, or from <paramref name="from"/> (<c>name#occurrence</c>, as the form lists the steps).</summary>
    public Task<IActionResult> OnPostRestartAsync(string workflow, string id, string? from, [FromServices] IRequestClient<RestartInstance> client, [FromServices] IOptions<ApiOptions> api, CancellationToken ct)
    {
        RestartFrom? step = null;
        if (!string.IsNullOrEmpty(from))
        {
            var hash = from.LastIndexOf('#');
            step = hash > 0 && int.TryParse(from.AsSpan(hash + 1), out var count)
                ? new RestartFrom(from[..hash], count)
                : new RestartFrom(from, null);
        }
        return ActAsync(async () =>
        {
            var command = InstanceCommandEndpoints.ToRestart(id, step);
            await SendAsync(workflow, id, client, command, api, ct);
            return step is null ? "Restart accepted: running again from the start." : $"Restart accepted: running again from step '{step.Name}' #{step.Count ?? 1}.";
        }, () => RedirectToPage(new { workflow, id }));
    }

    /// <summary>Approves, as <c>POST .../approve</c> does, by the signed-in key's name.</summary>
    public Task<IActionResult> OnPostApproveAsync(
        string workflow, string id, [FromServices] IRequestClient<SendEvent> client,
        [FromServices] IOptions<WorkflowRuntimeOptions> limits, [FromServices] IOptions<ApiOptions> api, CancellationToken ct) =>
        DecideAsync(workflow, id, approved: true, client, limits, api, ct);

    /// <summary>Rejects, as <c>POST .../reject</c> does, by the signed-in key's name.</summary>
    public Task<IActionResult> OnPostRejectAsync(
        string workflow, string id, [FromServices] IRequestClient<SendEvent> client,
        [FromServices] IOptions<WorkflowRuntimeOptions> limits, [FromServices] IOptions<ApiOptions> api, CancellationToken ct) =>
        DecideAsync(workflow, id, approved: false, client, limits, api, ct);

    /// <summary>Sends an event of <paramref name="type"/> with <paramref name="payload"/> (JSON, or empty for none).</summary>
    public Task<IActionResult> OnPostEventAsync(
        string workflow, string id, string type, string? payload, [FromServices] IRequestClient<SendEvent> client,
        [FromServices] IOptions<WorkflowRuntimeOptions> limits, [FromServices] IOptions<ApiOptions> api, CancellationToken ct) =>
        ActAsync(async () =>
        {
            var body = Encoding.UTF8.GetBytes(payload?.Trim() ?? "");
            var sent = await EventEndpoints.DeliverAsync(workflow, id, type ?? "", null, body, dbs, client, limits.Value, api.Value, ct);
            return $"Event '{type}' sent ({sent.EventId}).";
        }, () => RedirectToPage(new { workflow, id }));

    private Task<IActionResult> DecideAsync(
        string workflow, string id, bool approved, IRequestClient<SendEvent> client, IOptions<WorkflowRuntimeOptions> limits, IOptions<ApiOptions> api, CancellationToken ct) =>
        ActAsync(async () =>
        {
            var sent = await ApprovalEndpoints.DecideAsync(workflow, id, approved, new ApprovalRequest(), User.Identity?.Name ?? "dashboard", null, dbs, client, limits.Value, api.Value, ct);
            return $"{(approved ? "Approved" : "Rejected")} ({sent.EventId}).";
        }, () => RedirectToPage(new { workflow, id }));

    /// <summary>The step occurrences a restart can begin at: <c>name#occurrence</c> and a label.</summary>
    internal IEnumerable<(string Value, string Label)> RestartPoints() =>
        Steps.Select(s => ($"{s.Name}#{s.Occurrence}", s.Occurrence > 1 ? $"{s.Name} (#{s.Occurrence})" : s.Name));

    internal static string Pretty(JsonElement? json) => json is { } j ? JsonSerializer.Serialize(j, Indented) : "";

    private Task<IActionResult> CommandAsync<T>(string workflow, string id, IRequestClient<T> client, T command, IOptions<ApiOptions> api, string what, CancellationToken ct)
        where T : class =>
        ActAsync(async () =>
        {
            var accepted = await SendAsync(workflow, id, client, command, api, ct);
            return $"{what} accepted: the instance is {accepted}.";
        }, () => RedirectToPage(new { workflow, id }));

    private async Task<string> SendAsync<T>(string workflow, string id, IRequestClient<T> client, T command, IOptions<ApiOptions> api, CancellationToken ct)
        where T : class
    {
        var result = await InstanceCommandEndpoints.SendAsync(new InstanceCommandEndpoints.CommandRoute(workflow, id, dbs, api, ct), client, command);
        return result.Value!.Status;
    }

    private async Task<bool> LoadAsync(string workflow, string id, CancellationToken ct)
    {
        (Workflow, Id) = (workflow, id);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await InstanceEndpoints.ReadAsync(db, workflow, id, ct) is not { } read)
            return false;
        (Details, Steps) = (read.Details, read.Steps);
        var stored = await db.WorkflowDefinitions.AsNoTracking().Where(w => w.Name == workflow).Select(w => w.Diagram).SingleOrDefaultAsync(ct);
        Diagram = stored is null ? null : DiagramEndpoints.Parse(stored);
        return true;
    }
}
