using System.Net;
using System.Text;

namespace Workflows.Client.Tests;

/// <summary>An HTTP handler that answers each request with the next scripted answer and records the requests.</summary>
internal sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int next;

    public List<HttpRequestMessage> Requests { get; } = [];

    public static HttpResponseMessage EventStream(string wire) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(wire, Encoding.UTF8, "text/event-stream"),
    };

    public static HttpResponseMessage Problem(HttpStatusCode status, string title, string detail) => new(status)
    {
        Content = new StringContent($$"""{"type": "https://example.test/{{(int)status}}", "title": "{{title}}", "status": {{(int)status}}, "detail": "{{detail}}"}""", Encoding.UTF8, "application/problem+json"),
    };

    public WorkflowsClient Client() => new(new HttpClient(this) { BaseAddress = new Uri("http://workflows.test/") });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (next >= answers.Length)
            throw new HttpRequestException("no more scripted answers");
        return Task.FromResult(answers[next++](request));
    }
}
