using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;

namespace Workflows.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CreateInstanceTests(ApiFixture api)
{
    private static Uri Instances(string workflow) => new($"/api/workflows/{workflow}/instances", UriKind.Relative);
    private static Uri Batch(string workflow) => new($"/api/workflows/{workflow}/instances/batch", UriKind.Relative);

    [Fact]
    public async Task A_created_instance_is_201_queued_and_reads_back_with_its_params_as_json()
    {
        var id = NewId();
        using var response = await api.Client.PostAsJsonAsync(Instances("order-fulfilment"),
            new { id, @params = new { orderId = "o-1", amount = 12.5, tags = new[] { "a", "b" } } });

        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(id, created.GetProperty("id").GetString());
        Assert.Equal("running", created.GetProperty("status").GetString());
        Assert.Equal($"/api/workflows/order-fulfilment/instances/{id}", response.Headers.Location?.OriginalString);

        var instance = await (await api.Client.GetAsync(response.Headers.Location)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, instance.GetProperty("id").GetString());
        Assert.Equal("order-fulfilment", instance.GetProperty("workflow").GetString());
        Assert.Equal("running", instance.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, instance.GetProperty("params").ValueKind);
        Assert.Equal("o-1", instance.GetProperty("params").GetProperty("orderId").GetString());
        Assert.Equal(12.5m, instance.GetProperty("params").GetProperty("amount").GetDecimal());
        Assert.Equal(0, instance.GetProperty("steps").GetArrayLength());
        Assert.False(instance.TryGetProperty("output", out _));
        Assert.False(instance.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task An_empty_body_creates_an_instance_with_a_generated_id_and_null_params()
    {
        using var response = await api.Client.PostAsync(Instances("billing"), null);

        var id = (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var instance = await (await api.Client.GetAsync(response.Headers.Location)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, instance.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("params").ValueKind);
    }

    [Theory]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    [InlineData("")]
    public async Task An_invalid_id_is_a_400_that_says_why(string id)
    {
        using var response = await api.Client.PostAsJsonAsync(Instances("billing"), new { id });

        Assert.Contains("instance id", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_over_100_characters_is_a_400()
    {
        using var response = await api.Client.PostAsJsonAsync(Instances("billing"), new { id = new string('a', 101) });

        Assert.Contains("101", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\": \"x\",")]
    [InlineData("{id: 1}")]
    [InlineData("not json")]
    public async Task A_malformed_json_body_is_a_400_naming_the_problem(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await api.Client.PostAsync(Instances("billing"), content);

        Assert.Contains("not", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_workflow_is_a_404()
    {
        using var response = await api.Client.PostAsJsonAsync(Instances("no-such-workflow"), new { id = NewId() });

        Assert.Contains("no-such-workflow", await response.AssertProblemAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_creates_sent_together_each_get_their_own_answer_even_when_one_id_is_taken()
    {
        var taken = NewId();
        using (var first = await api.Client.PostAsJsonAsync(Instances("billing"), new { id = taken }))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var ids = Enumerable.Range(0, 60).Select(i => i == 30 ? taken : NewId()).ToList();

        // The Api combines creates that arrive together into one request, which the Orchestrator accepts whole or not at all.
        var responses = await Task.WhenAll(ids.Select(id => api.Client.PostAsJsonAsync(Instances(id == taken ? "billing" : "order-fulfilment"), new { id })));

        for (var i = 0; i < ids.Count; i++)
        {
            using var response = responses[i];
            if (ids[i] == taken)
            {
                Assert.Contains(taken, await response.AssertProblemAsync(HttpStatusCode.Conflict), StringComparison.Ordinal);
                continue;
            }
            var created = await response.JsonAsync(HttpStatusCode.Created);
            Assert.Equal(ids[i], created.GetProperty("id").GetString());
        }
        await using var db = await api.CreateDbContextAsync();
        var rows = await db.Instances.Where(x => ids.Contains(x.InstanceId)).ToDictionaryAsync(x => x.InstanceId, x => x.Workflow);
        Assert.Equal(60, rows.Count);
        Assert.Equal("billing", rows[taken]);
        Assert.All(ids.Where(id => id != taken), id => Assert.Equal("order-fulfilment", rows[id]));
    }

    [Fact]
    public async Task Reusing_an_id_is_a_409()
    {
        var id = NewId();
        using var first = await api.Client.PostAsJsonAsync(Instances("billing"), new { id });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await api.Client.PostAsJsonAsync(Instances("billing"), new { id });

        Assert.Contains(id, await second.AssertProblemAsync(HttpStatusCode.Conflict), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Params_over_the_1_MiB_limit_are_a_413_and_nothing_is_sent()
    {
        var before = api.Received.OfType<CreateInstances>().Count;
        using var response = await api.Client.PostAsJsonAsync(Instances("billing"), new { id = NewId(), @params = new string('x', 1024 * 1024) });

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, api.Received.OfType<CreateInstances>().Count);
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413_before_it_is_read_whole()
    {
        // 64 MiB of params, streamed without a Content-Length: the Api stops reading at its cap.
        using var content = new StreamContent(new RepeatingStream("{\"params\": \""u8.ToArray(), (byte)'x', 64L * 1024 * 1024));
        content.Headers.ContentType = new("application/json");
        using var response = await api.Client.PostAsync(Instances("billing"), content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_batch_creates_every_instance_with_one_message()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => NewId()).ToList();
        using var response = await api.Client.PostAsJsonAsync(Batch("billing"), ids.Select(id => new { id, @params = new { id } }));

        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(ids, created.EnumerateArray().Select(x => x.GetProperty("id").GetString()));
        Assert.All(created.EnumerateArray(), x => Assert.Equal("running", x.GetProperty("status").GetString()));
        var message = Assert.Single(api.Received.OfType<CreateInstances>(), m => m.Instances.Any(i => i.InstanceId == ids[0]));
        Assert.Equal(ids, message.Instances.Select(i => i.InstanceId));
        Assert.Equal(ids.Count, await CountAsync(ids));
    }

    [Fact]
    public async Task A_batch_item_without_an_id_gets_a_generated_one()
    {
        using var response = await api.Client.PostAsJsonAsync(Batch("billing"), new object[] { new { }, new { @params = 1 } });

        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, created.GetArrayLength());
        Assert.NotEqual(created[0].GetProperty("id").GetString(), created[1].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_batch_with_one_invalid_id_creates_nothing()
    {
        var ids = new[] { NewId(), "-bad", NewId() };
        using var response = await api.Client.PostAsJsonAsync(Batch("billing"), ids.Select(id => new { id }));

        Assert.Contains("Item 1", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(ids));
    }

    [Fact]
    public async Task A_batch_with_one_id_in_use_is_a_409_and_creates_nothing()
    {
        var existing = NewId();
        using (var first = await api.Client.PostAsJsonAsync(Instances("billing"), new { id = existing }))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var fresh = new[] { NewId(), NewId() };

        using var response = await api.Client.PostAsJsonAsync(Batch("billing"), new[] { fresh[0], existing, fresh[1] }.Select(id => new { id }));

        Assert.Contains(existing, await response.AssertProblemAsync(HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(fresh));
    }

    [Fact]
    public async Task A_batch_with_params_over_the_limit_is_a_413_and_creates_nothing()
    {
        var ids = new[] { NewId(), NewId() };
        using var response = await api.Client.PostAsJsonAsync(Batch("billing"),
            new object[] { new { id = ids[0] }, new { id = ids[1], @params = new string('x', 1024 * 1024) } });

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await CountAsync(ids));
    }

    [Fact]
    public async Task A_batch_with_a_repeated_id_is_a_400()
    {
        var id = NewId();
        using var response = await api.Client.PostAsJsonAsync(Batch("billing"), new[] { new { id }, new { id } });

        Assert.Contains(id, await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync([id]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task A_batch_of_more_than_100_or_no_instances_is_a_400(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => NewId()).ToList();
        using var response = await api.Client.PostAsJsonAsync(Batch("billing"), ids.Select(id => new { id }));

        Assert.Contains("1 to 100", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(ids));
    }

    [Fact]
    public async Task A_batch_for_an_unknown_workflow_is_a_404()
    {
        using var response = await api.Client.PostAsJsonAsync(Batch("no-such-workflow"), new[] { new { id = NewId() } });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_batch_that_is_not_an_array_is_a_400()
    {
        using var response = await api.Client.PostAsJsonAsync(Batch("billing"), new { id = NewId() });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<int> CountAsync(IReadOnlyCollection<string> ids)
    {
        await using var db = await api.CreateDbContextAsync();
        return await db.Instances.CountAsync(x => ids.Contains(x.InstanceId));
    }

    private static string NewId() => $"c-{Guid.NewGuid():N}";
}
