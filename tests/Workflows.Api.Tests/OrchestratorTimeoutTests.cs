using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Workflows.Storage;

namespace Workflows.Api.Tests;

public sealed class OrchestratorTimeoutTests(SilentOrchestratorFixture api) : IClassFixture<SilentOrchestratorFixture>
{
    [Fact]
    public async Task A_create_the_orchestrator_does_not_answer_is_a_503_after_the_request_timeout()
    {
        var clock = Stopwatch.StartNew();
        using var response = await api.Client.PostAsJsonAsync(new Uri("/api/workflows/billing/instances", UriKind.Relative), new { id = "unanswered" });

        Assert.Contains("orchestrator did not answer", await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_lifecycle_command_or_event_nobody_answers_is_a_503()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Running);

        using var pause = await api.Client.PostAsync(new Uri($"/api/workflows/billing/instances/{instance.InstanceId}/pause", UriKind.Relative), null);
        using var sendEvent = await api.Client.PostAsync(new Uri($"/api/workflows/billing/instances/{instance.InstanceId}/events/ping", UriKind.Relative), null);

        await pause.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        await sendEvent.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }
}
