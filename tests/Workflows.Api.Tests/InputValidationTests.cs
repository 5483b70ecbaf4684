using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Api.Tests;

/// <summary>The engine's input rules at the HTTP door: whatever breaks one is a 400 or 413 problem and nothing is sent on.</summary>
[Collection(ApiCollection.Name)]
public sealed class InputValidationTests(ApiFixture api)
{
    [Theory]
    [InlineData("create")]
    [InlineData("batch")]
    [InlineData("event")]
    [InlineData("restart")]
    public async Task Invalid_utf8_in_a_body_is_a_400_on_every_route_that_reads_one(string route)
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);
        var (path, json) = route switch
        {
            "create" => ("/api/workflows/billing/instances", "{\"params\":{\"a\":\"__\"}}"),
            "batch" => ("/api/workflows/billing/instances/batch", "[{\"params\":\"__\"}]"),
            "event" => ($"/api/workflows/billing/instances/{instance.InstanceId}/events/approval", "{\"by\":\"__\"}"),
            _ => ($"/api/workflows/billing/instances/{instance.InstanceId}/restart", "{\"from\":{\"name\":\"__\"}}"),
        };
        // 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte.
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf("__", StringComparison.Ordinal);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        var sent = SentCount();

        using var response = await PostAsync(path, bytes);

        Assert.Contains("not valid UTF-8", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(sent, SentCount());
    }

    [Theory]
    [InlineData("{\"params\":{\"name\":\"\\ud800\"}}", "unpaired surrogate")]
    [InlineData("{\"params\":{\"\\udc00\":1}}", "unpaired surrogate")]
    [InlineData("{\"id\":\"\\ud800\"}", "unpaired surrogate")]
    [InlineData("{\"params\":\"nul \\u0000 inside\"}", "NUL")]
    public async Task Params_that_could_not_be_read_back_are_a_400_and_nothing_is_created(string body, string why)
    {
        var sent = SentCount();

        using var response = await PostAsync("/api/workflows/billing/instances", Encoding.UTF8.GetBytes(body));

        Assert.Contains(why, await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(sent, SentCount());
    }

    [Fact]
    public async Task A_batch_with_a_lone_surrogate_in_one_item_creates_nothing()
    {
        var sent = SentCount();

        using var response = await PostAsync("/api/workflows/billing/instances/batch",
            Encoding.UTF8.GetBytes("[{\"params\":1},{\"params\":[\"ok\",\"\\ud83d\"]}]"));

        Assert.Contains("unpaired surrogate", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(sent, SentCount());
    }

    [Theory]
    [InlineData("\"\\ud800\"", "unpaired surrogate")]
    [InlineData("{\"by\":\"a\\u0000\"}", "NUL")]
    public async Task An_event_payload_that_could_not_be_read_back_is_a_400_and_is_not_sent(string payload, string why)
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);

        using var response = await PostAsync($"/api/workflows/billing/instances/{instance.InstanceId}/events/approval", Encoding.UTF8.GetBytes(payload));

        Assert.Contains(why, await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.DoesNotContain(api.Received.OfType<SendEvent>(), m => m.InstanceId == instance.InstanceId);
    }

    [Fact]
    public async Task Params_64_levels_deep_are_created_and_read_back_and_65_levels_are_a_400()
    {
        var id = $"deep-{Guid.NewGuid():N}";

        using var deep = await PostAsync("/api/workflows/billing/instances", Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"params\":{Nested(64)}}}"));
        using var tooDeep = await PostAsync("/api/workflows/billing/instances", Encoding.UTF8.GetBytes($"{{\"params\":{Nested(65)}}}"));
        using var read = await api.Client.GetAsync(new Uri($"/api/workflows/billing/instances/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, deep.StatusCode);
        Assert.Contains("more than 64 levels", await tooDeep.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        // The answer nests the params one level down: 65 levels, past a default parser's 64.
        using var instance = JsonDocument.Parse(await read.Content.ReadAsStringAsync(), new JsonDocumentOptions { MaxDepth = 128 });
        Assert.Equal(Nested(64), instance.RootElement.GetProperty("params").GetRawText());
    }

    [Fact]
    public async Task An_event_payload_64_levels_deep_is_sent_and_65_levels_are_a_400()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);
        var route = $"/api/workflows/billing/instances/{instance.InstanceId}/events/deep";

        using var deep = await PostAsync(route, Encoding.UTF8.GetBytes(Nested(64)));
        using var tooDeep = await PostAsync(route, Encoding.UTF8.GetBytes(Nested(65)));

        Assert.Equal(HttpStatusCode.Accepted, deep.StatusCode);
        Assert.Contains("more than 64 levels", await tooDeep.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(Nested(64), Assert.Single(api.Received.OfType<SendEvent>(), m => m.InstanceId == instance.InstanceId).PayloadJson);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/pause")]
    [InlineData("POST", "/resume")]
    [InlineData("POST", "/terminate")]
    [InlineData("POST", "/restart")]
    [InlineData("POST", "/events/approval")]
    public async Task An_invalid_instance_id_in_a_path_is_a_400_saying_why_not_a_404(string method, string suffix)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"/api/workflows/billing/instances/-not%20an%20id{suffix}", UriKind.Relative));

        using var response = await api.Client.SendAsync(request);

        Assert.Contains("instance id", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_name_or_event_type_that_no_workflow_could_have_is_a_400()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Waiting);

        using var name = await api.Client.GetAsync(new Uri("/api/workflows/bill%01ing/instances", UriKind.Relative));
        using var tooLong = await api.Client.PostAsync(new Uri($"/api/workflows/{new string('w', 65)}/instances", UriKind.Relative), null);
        using var type = await api.Client.PostAsync(new Uri($"/api/workflows/billing/instances/{instance.InstanceId}/events/{new string('t', 257)}", UriKind.Relative), null);

        Assert.Contains("control characters", await name.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("limit is 64", await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("event type", await type.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_from_a_name_no_step_could_have_is_a_400()
    {
        var instance = await api.InsertInstanceAsync("billing", InstanceStates.Errored);

        using var response = await PostAsync($"/api/workflows/billing/instances/{instance.InstanceId}/restart", Encoding.UTF8.GetBytes("{\"from\":{\"name\":\"a\\u0001b\"}}"));

        Assert.Contains("from.name", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_body_over_the_batch_limit_is_refused_with_413_before_it_is_read_whole()
    {
        // 64 MiB streamed without a Content-Length: the Api stops reading at Workflows:MaxBatchBytes (4 MiB).
        using var content = new StreamContent(new RepeatingStream("[{\"params\": \""u8.ToArray(), (byte)'x', 64L * 1024 * 1024));
        content.Headers.ContentType = new("application/json");
        var sent = SentCount();

        using var response = await api.Client.PostAsync(new Uri("/api/workflows/billing/instances/batch", UriKind.Relative), content);

        Assert.Contains("4194304 bytes", await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);
        Assert.Equal(sent, SentCount());
    }

    [Fact]
    public async Task A_batch_within_the_body_limit_that_would_be_over_it_on_the_bus_is_a_413_and_nothing_is_sent()
    {
        // Three items of 1 MB params made of escaped quotes: 3 MB as sent, about 6 MB once each params is a JSON string.
        var escaped = new StringBuilder("\"").Insert(1, "\\\"", 500_000).Append('"').ToString();
        var body = "[" + string.Join(",", Enumerable.Range(0, 3).Select(_ => $"{{\"params\":{escaped}}}")) + "]";
        var sent = SentCount();

        using var response = await PostAsync("/api/workflows/billing/instances/batch", Encoding.UTF8.GetBytes(body));

        Assert.Contains("MaxBatchBytes", await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);
        Assert.Equal(sent, SentCount());
    }

    [Fact]
    public async Task The_openapi_document_declares_the_bearer_scheme_and_every_api_operation_requires_it()
    {
        var document = await (await api.Anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Operation: op.Value)))
            .ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.True(
            o.Operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _)),
            $"{o.Path} does not require the bearer key"));
    }

    [Fact]
    public async Task A_body_in_another_media_type_is_a_415_problem_saying_to_send_json()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "text/plain");

        using var response = await api.Client.PostAsync(new Uri("/api/workflows/billing/instances", UriKind.Relative), content);

        Assert.Contains("application/json", await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_chunked_body_that_kestrel_refuses_is_a_400_problem()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(api.Client.BaseAddress!.Host, api.Client.BaseAddress.Port);
        var stream = tcp.GetStream();
        var request = "POST /api/workflows/billing/instances HTTP/1.1\r\nHost: api\r\n" +
            $"Authorization: Bearer {ApiFixture.Key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("\"status\":400", answer, StringComparison.Ordinal);
    }

    private int SentCount() => api.Received.OfType<CreateInstances>().Count + api.Received.OfType<SendEvent>().Count + api.Received.OfType<RestartInstance>().Count;

    private Task<HttpResponseMessage> PostAsync(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return api.Client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private static string Nested(int levels) => new string('[', levels) + new string(']', levels);
}
