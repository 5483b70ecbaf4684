using System.Net;
using System.Net.Http.Headers;

namespace Workflows.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiFixture api)
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/workflows" },
        { "POST", "/api/workflows/billing/instances" },
        { "POST", "/api/workflows/billing/instances/batch" },
        { "GET", "/api/workflows/billing/instances" },
        { "GET", "/api/workflows/billing/instances/some-id" },
        { "GET", "/api/workflows/billing/instances/some-id/stream" },
        { "POST", "/api/workflows/billing/instances/some-id/pause" },
        { "POST", "/api/workflows/billing/instances/some-id/resume" },
        { "POST", "/api/workflows/billing/instances/some-id/terminate" },
        { "POST", "/api/workflows/billing/instances/some-id/restart" },
        { "POST", "/api/workflows/billing/instances/some-id/events/approval" },
        { "GET", "/api/no-such-route" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_api_route_answers_401_with_a_bearer_challenge_without_a_key(string method, string path)
    {
        using var response = await api.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_api_route_answers_401_with_a_wrong_key(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiFixture.Key + "x");

        using var response = await api.Anonymous.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_under_another_scheme_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflows");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", ApiFixture.Key);

        using var response = await api.Anonymous.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Any_of_the_configured_keys_is_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflows");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "another-key");

        using var response = await api.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/alive")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_openapi_document_need_no_key(string path)
    {
        using var response = await api.Anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
