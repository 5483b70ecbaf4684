using System.Net;
using System.Text;

namespace Workflows.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class WorkflowsAndErrorsTests(ApiFixture api)
{
    [Fact]
    public async Task Workflows_lists_the_registered_workflows_with_when_they_were_seen()
    {
        var workflows = await (await api.Client.GetAsync(new Uri("/api/workflows", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(ApiFixture.Workflows.Order(StringComparer.Ordinal), workflows.EnumerateArray().Select(w => w.GetProperty("name").GetString()));
        var first = workflows[0];
        Assert.True(first.GetProperty("firstSeenAt").GetDateTimeOffset() < first.GetProperty("lastSeenAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_routes()
    {
        var document = await (await api.Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/workflows/{workflow}/instances", out _));
        Assert.True(paths.TryGetProperty("/api/workflows/{workflow}/instances/{id}/events/{type}", out _));
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var response = await api.Client.GetAsync(new Uri("/api/nothing/here", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var response = await api.Client.DeleteAsync(new Uri("/api/workflows", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_malformed_query_parameter_is_a_400_problem_naming_it()
    {
        using var response = await api.Client.GetAsync(new Uri("/api/workflows/billing/instances?limit=many", UriKind.Relative));

        Assert.Contains("limit", await response.AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_of_the_wrong_shape_is_a_400_problem_without_dotnet_type_names()
    {
        using var content = new StringContent("""{"id": 42}""", Encoding.UTF8, "application/json");
        using var response = await api.Client.PostAsync(new Uri("/api/workflows/billing/instances", UriKind.Relative), content);

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("$.id", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
    }
}
