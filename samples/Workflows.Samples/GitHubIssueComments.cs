using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>Comments on GitHub issues through the REST API (<c>IssueTriage:GitHub</c>), at most once per marker.</summary>
public sealed class GitHubIssueComments(IOptions<IssueTriageOptions> options) : IDisposable
{
    private const int PageSize = 100;

    // One client for the process: a client per call would exhaust sockets under load.
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    /// <summary>
    /// The id of the issue's comment that holds <paramref name="marker"/>, posting <paramref name="text"/> with the marker
    /// when there is none yet: a retried or replayed step finds its own earlier comment instead of posting twice.
    /// </summary>
    /// <param name="repository">"owner/name".</param>
    /// <param name="issue">The issue's number.</param>
    /// <param name="marker">A hidden HTML comment unique to the poster, such as <c>&lt;!-- workflows:issue-triage:{instanceId} --&gt;</c>.</param>
    /// <param name="text">The comment's Markdown.</param>
    /// <param name="ct">Cancels the requests.</param>
    /// <returns>The comment's id.</returns>
    public async Task<long> EnsureCommentAsync(string repository, long issue, string marker, string text, CancellationToken ct)
    {
        var github = options.Value.GitHub;
        var token = github.Token is { Length: > 0 } t ? t : throw new NonRetryableException("The issue-triage sample needs the setting IssueTriage:GitHub:Token.");
        var comments = new Uri(github.ApiBaseUrl, $"repos/{repository}/issues/{issue}/comments");

        for (var page = 1; ; page++)
        {
            using var list = Request(HttpMethod.Get, new Uri($"{comments}?per_page={PageSize}&page={page}"), token);
            using var listed = await _http.SendAsync(list, ct);
            listed.EnsureSuccessStatusCode();
            var found = await listed.Content.ReadFromJsonAsync<List<Comment>>(ct) ?? [];
            if (found.FirstOrDefault(c => c.Body?.Contains(marker, StringComparison.Ordinal) == true) is { } mine)
                return mine.Id;
            if (found.Count < PageSize)
                break;
        }

        using var post = Request(HttpMethod.Post, comments, token);
        post.Content = JsonContent.Create(new { body = $"{text}\n\n{marker}" });
        using var posted = await _http.SendAsync(post, ct);
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<Comment>(ct))?.Id ?? throw new InvalidOperationException("GitHub answered the comment without its id.");
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, string token)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.UserAgent.ParseAdd("workflows-issue-triage");
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        return request;
    }

    private sealed record Comment([property: JsonPropertyName("id")] long Id, [property: JsonPropertyName("body")] string? Body);
}
