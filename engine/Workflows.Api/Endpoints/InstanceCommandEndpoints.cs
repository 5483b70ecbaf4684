using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api.Http;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Api.Endpoints;

/// <summary><c>/api/workflows/{workflow}/instances/{id}/pause|resume|terminate|restart</c>: lifecycle commands to the saga.</summary>
internal static class InstanceCommandEndpoints
{
    private const int MaxCommandBodyBytes = 16 * 1024;
    private const string TerminateShape = "a JSON object such as {\"rollback\": true}";
    private const string RestartShape = "a JSON object such as {\"from\": {\"name\": \"charge card\", \"count\": 1}}";

    public static RouteGroupBuilder MapInstanceCommands(this RouteGroupBuilder api)
    {
        var instance = api.MapGroup("/workflows/{workflow}/instances/{id}").WithTags("Instances");

        instance.MapPost("/pause", ([AsParameters] CommandRoute route, IRequestClient<PauseInstance> client) =>
                SendAsync(route, client, new PauseInstance(route.Id)))
            .WithName("PauseInstance")
            .WithSummary("Pauses the instance at its next step boundary (status waitingForPause until then).")
            .CommandProblems();

        instance.MapPost("/resume", ([AsParameters] CommandRoute route, IRequestClient<ResumeInstance> client) =>
                SendAsync(route, client, new ResumeInstance(route.Id)))
            .WithName("ResumeInstance")
            .WithSummary("Resumes a paused instance where it stopped.")
            .CommandProblems();

        instance.MapPost("/terminate", TerminateAsync)
            .WithName("TerminateInstance")
            .WithSummary("Ends the instance for good; a step in flight is cancelled. With {\"rollback\": true}, the rollbacks of its completed steps run first.")
            .Accepts<TerminateRequest>("application/json")
            .CommandProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        instance.MapPost("/restart", RestartAsync)
            .WithName("RestartInstance")
            .WithSummary("Discards the step history (or that of step from.name and every later step) and runs the instance again with the same params.")
            .Accepts<RestartRequest>("application/json")
            .CommandProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return api;
    }

    private static async Task<Accepted<CommandAccepted>> TerminateAsync(
        [AsParameters] CommandRoute route, HttpRequest request, IRequestClient<TerminateInstance> client, IOptions<JsonOptions> json)
    {
        var body = await JsonBody.ReadAsync(request, MaxCommandBodyBytes, "body", route.Aborted);
        if (!body.IsEmpty)
            JsonBody.Check(body, "Body", MaxCommandBodyBytes);
        var rollback = !body.IsEmpty && JsonBody.Deserialize<TerminateRequest>(body, json.Value.SerializerOptions, TerminateShape).Rollback == true;
        return await SendAsync(route, client, new TerminateInstance(route.Id, rollback));
    }

    private static async Task<Accepted<CommandAccepted>> RestartAsync(
        [AsParameters] CommandRoute route, HttpRequest request, IRequestClient<RestartInstance> client, IOptions<JsonOptions> json)
    {
        var body = await JsonBody.ReadAsync(request, MaxCommandBodyBytes, "body", route.Aborted);
        if (!body.IsEmpty)
            JsonBody.Check(body, "Body", MaxCommandBodyBytes);
        var from = body.IsEmpty ? null : JsonBody.Deserialize<RestartRequest>(body, json.Value.SerializerOptions, RestartShape).From;
        return await SendAsync(route, client, ToRestart(route.Id, from));
    }

    /// <summary>The restart command for <paramref name="from"/> (null: from the start); 400 when it names no possible step.</summary>
    internal static RestartInstance ToRestart(string id, RestartFrom? from)
    {
        if (from is not null && string.IsNullOrEmpty(from.Name))
            throw ProblemException.BadRequest("from.name must name the step to restart from.");
        if (from is not null && WorkflowNames.ValidateStepName(from.Name) is { } badName)
            throw ProblemException.BadRequest($"from.name is not a step name: {badName}");
        if (from?.Count is < 1)
            throw ProblemException.BadRequest("from.count must be 1 or more (the occurrence of the step's name).");
        return new RestartInstance(id, from?.Name, from?.Count);
    }

    private static RouteHandlerBuilder CommandProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>What every lifecycle command does: 404 unless the instance exists, then ask the saga; accepted → 202, rejected → 409 (a restart from an unknown step → 400).</summary>
    internal static async Task<Accepted<CommandAccepted>> SendAsync<T>(CommandRoute route, IRequestClient<T> client, T command)
        where T : class
    {
        await using (var db = await route.Dbs.CreateDbContextAsync(route.Aborted))
            await InstanceLookup.EnsureInstanceExistsAsync(db, route.Workflow, route.Id, route.Aborted);

        var response = await client.AskAsync<T, InstanceCommandAccepted, InstanceCommandRejected>(
            command, route.Api.Value.RequestTimeout, "orchestrator", route.Aborted);
        if (response.Is(out Response<InstanceCommandRejected>? rejected))
            throw rejected.Message.Code == RejectionCodes.UnknownStep
                ? ProblemException.BadRequest($"The instance has {rejected.Message.Reason}; restart from a step it has run, or from the start.")
                : ProblemException.Conflict(rejected.Message.Reason);
        response.Is(out Response<InstanceCommandAccepted>? accepted);
        return TypedResults.Accepted((string?)null, new CommandAccepted(accepted!.Message.Status));
    }

    /// <summary>The parameters every lifecycle route binds.</summary>
    internal sealed record CommandRoute(string Workflow, string Id, IDbContextFactory<WorkflowsDbContext> Dbs, IOptions<ApiOptions> Api, CancellationToken Aborted);
}
