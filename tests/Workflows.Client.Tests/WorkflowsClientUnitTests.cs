using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflows.Client.Models;

namespace Workflows.Client.Tests;

/// <summary>The client against scripted answers: the stream's resume, problem answers as typed exceptions, options checked at start.</summary>
public sealed class WorkflowsClientUnitTests
{
    private static string Event(long sequence, string type) =>
        $$"""id: {{sequence}}{{"\n"}}event: {{type}}{{"\n"}}data: {"sequence": {{sequence}}, "type": "{{type}}", "timestamp": "2026-12-01T00:00:00Z"}{{"\n\n"}}""";

    [Fact]
    public async Task A_dropped_stream_is_resumed_after_the_last_event_seen_without_repeats_until_the_final_event()
    {
        var handler = new ScriptedHandler(
            _ => ScriptedHandler.EventStream(Event(1, "created") + Event(2, "started")),
            _ => ScriptedHandler.EventStream(Event(3, "stepStarted") + Event(4, "complete") + Event(5, "never-read")));

        var events = new List<InstanceStreamEvent>();
        await foreach (var e in handler.Client().StreamAsync("echo", "i-1"))
            events.Add(e);

        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Sequence));
        Assert.Equal("complete", events[^1].Type);
        Assert.Equal("/api/workflows/echo/instances/i-1/stream", handler.Requests[0].RequestUri!.AbsolutePath);
        Assert.False(handler.Requests[0].Headers.Contains("Last-Event-ID"));
        Assert.Equal(["2"], handler.Requests[1].Headers.GetValues("Last-Event-ID"));
    }

    [Fact]
    public async Task A_stream_given_a_last_event_id_starts_after_it()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.EventStream(Event(10, "terminated")));

        await foreach (var _ in handler.Client().StreamAsync("echo", "i-1", lastEventId: 9)) { }

        Assert.Equal(["9"], handler.Requests[0].Headers.GetValues("Last-Event-ID"));
    }

    [Fact]
    public async Task A_stream_route_the_server_lacks_is_a_not_found_exception()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Problem(HttpStatusCode.NotFound, "Not Found", "No route matches."));

        var e = await Assert.ThrowsAsync<InstanceNotFoundException>(async () =>
        {
            await foreach (var _ in handler.Client().StreamAsync("echo", "i-1")) { }
        });

        Assert.Equal("No route matches.", e.Detail);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(InstanceNotFoundException))]
    [InlineData(HttpStatusCode.Conflict, typeof(InstanceConflictException))]
    [InlineData(HttpStatusCode.BadRequest, typeof(WorkflowsValidationException))]
    [InlineData(HttpStatusCode.UnprocessableEntity, typeof(WorkflowsValidationException))]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, typeof(WorkflowsValidationException))]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(WorkflowsApiException))]
    public async Task A_problem_answer_is_the_exception_of_its_status_with_title_detail_and_type(HttpStatusCode status, Type expected)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Problem(status, "Some Title", "what went wrong"));

        var e = await Assert.ThrowsAnyAsync<WorkflowsApiException>(() => handler.Client().GetAsync("echo", "i-1"));

        Assert.IsType(expected, e);
        Assert.Equal(((int)status, "Some Title", "what went wrong", $"https://example.test/{(int)status}"), (e.Status, e.Title, e.Detail, e.Type));
    }

    [Fact]
    public async Task Too_many_requests_carries_the_retry_after()
    {
        var handler = new ScriptedHandler(_ =>
        {
            var answer = ScriptedHandler.Problem(HttpStatusCode.TooManyRequests, "Too Many Requests", "slow down");
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return answer;
        });

        var e = await Assert.ThrowsAsync<WorkflowsRateLimitedException>(() => handler.Client().CreateAsync("echo", new CreateInstanceRequest(null, null)));

        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_documented_shape_is_an_unexpected_answer()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id": "x"}""") });

        var e = await Assert.ThrowsAsync<WorkflowsApiException>(() => handler.Client().GetAsync("echo", "x"));

        Assert.Equal((200, "Unexpected answer"), (e.Status, e.Title));
    }

    [Fact]
    public async Task Metadata_filters_and_the_cursor_travel_in_the_query_string()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"instances": [], "nextCursor": null}""") });

        await handler.Client().ListInstancesPageAsync(new InstanceQuery { Workflow = "echo", Metadata = new Dictionary<string, string> { ["tenant"] = "a b" }, Limit = 10 }, "c1");

        Assert.Equal("?workflow=echo&metadata.tenant=a%20b&limit=10&cursor=c1", handler.Requests[0].RequestUri!.Query);
    }

    [Fact]
    public async Task Options_without_a_base_address_stop_the_host_at_start_naming_the_setting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddWorkflowsClient(o => o.ApiKey = "k");
        using var host = builder.Build();

        var e = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var validation = e as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(Assert.IsType<AggregateException>(e).InnerExceptions[0]);
        Assert.Contains("Workflows:Client:BaseAddress is not set", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_the_workflows_client_section()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Workflows:Client:BaseAddress"] = "http://api.test:8080";
        builder.Configuration["Workflows:Client:ApiKey"] = "secret";
        builder.Services.AddWorkflowsClient(builder.Configuration);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<WorkflowsClientOptions>>().Value;

        Assert.Equal((new Uri("http://api.test:8080"), "secret"), (options.BaseAddress, options.ApiKey));
        Assert.IsType<WorkflowsClient>(host.Services.GetRequiredService<IWorkflowsClient>());
    }
}
