using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>
/// Schedules on the embedded default (the DevHost: in-memory bus, SQLite, no Quartz): the ticker fires from the stored
/// slot, so a kill -9 and a start on the same file continue the schedule, every slot once.
/// </summary>
public sealed class DevHostScheduleTests(DevHostStack stack) : IClassFixture<DevHostStack>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_every_second_schedule_fires_each_slot_once_across_a_killed_devhost()
    {
        using (var put = await stack.Api.PutAsJsonAsync("api/schedules/local", new { workflow = "scheduled", @params = new { n = 3 }, every = "1 second", overlap = "allow" }))
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await WaitUntilAsync(async () => (await SlotsAsync()).Count >= 3);

        stack.Kill();
        await Task.Delay(2000);
        await stack.StartAsync();
        var atRestart = (await SlotsAsync()).Count;
        await WaitUntilAsync(async () => (await SlotsAsync()).Count >= atRestart + 3);
        using (var paused = await stack.Api.PostAsync("api/schedules/local/pause", null))
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);

        // Slots due while the process was down (well within the misfire threshold) fired one by one after the start.
        var slots = await SlotsAsync();
        Assert.Equal(slots.Count, (int)(slots[^1] - slots[0]).TotalSeconds + 1);
        var schedule = (await stack.Api.GetFromJsonAsync<JsonObject>("api/schedules/local"))!;
        Assert.Equal(slots.Count, schedule["counts"]!["fired"]!.GetValue<long>());
        var last = await stack.WaitForStatusAsync("scheduled", $"local-{slots[^1]:yyyyMMdd'T'HHmmss'Z'}", Timeout, "complete");
        Assert.Equal("local", last["output"]!["scheduleId"]!.GetValue<string>());
        Assert.Equal(3, last["output"]!["params"]!["n"]!.GetValue<int>());
    }

    private async Task<List<DateTimeOffset>> SlotsAsync()
    {
        var page = (await stack.Api.GetFromJsonAsync<JsonObject>("api/workflows/scheduled/instances?limit=100"))!;
        return [.. page["instances"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<string>())
            .Where(id => id.StartsWith("local-", StringComparison.Ordinal))
            .Select(id => DateTimeOffset.ParseExact(id[^16..], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            .Order()];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not reached within {Timeout}");
            await Task.Delay(250);
        }
    }
}
