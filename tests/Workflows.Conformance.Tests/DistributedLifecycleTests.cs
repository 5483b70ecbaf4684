using System.Net;
using System.Net.Http.Json;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>The lifecycle tests on the distributed stack (a process per service, RabbitMQ, PostgreSQL), plus those that stop one service.</summary>
[Collection(StackCollection.Name)]
public sealed class DistributedLifecycleTests(DistributedStack stack) : LifecycleTests<DistributedStack>(stack)
{
    [Fact]
    public async Task An_event_sent_before_the_wait_is_reached_is_buffered_and_consumed()
    {
        // With the Executor down the instance cannot reach its wait, so the event certainly arrives first.
        Stack.Kill("Workflows.Executor");
        try
        {
            var id = await Stack.CreateAsync("approval", new { timeout = "1 minute" });
            using var early = await Stack.Api.PostAsJsonAsync($"api/workflows/approval/instances/{id}/events/approval", new { approved = false, by = "early" });
            using var later = await Stack.Api.PostAsJsonAsync($"api/workflows/approval/instances/{id}/events/approval", new { approved = true, by = "later" });
            Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
            Assert.Empty((await Stack.GetAsync("approval", id))["steps"]!.AsArray());

            await Stack.StartAsync("Workflows.Executor");

            var instance = await Stack.WaitForStatusAsync("approval", id, Timeout, "complete");
            Assert.Equal("early", instance["output"]!["by"]!.GetValue<string>());
        }
        finally
        {
            await Stack.EnsureRunningAsync("Workflows.Executor");
        }
    }
}
