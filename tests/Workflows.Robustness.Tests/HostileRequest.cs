using System.Text;

namespace Workflows.Robustness.Tests;

/// <summary>One generated HTTP request, described so a failure names exactly what was sent.</summary>
internal sealed record HostileRequest(HttpMethod Method, string Path, byte[]? Body, string? ContentType, string? IdempotencyKey)
{
    /// <summary>The workflow this request creates instances of when it is accepted, for the checks after the run.</summary>
    public string? CreatesIn { get; init; }

    /// <summary>A batch create: the answer is an array.</summary>
    public bool IsBatch { get; init; }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        if (IdempotencyKey is not null)
            message.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body);
        return $"{Method} {Path} [{ContentType}] key={IdempotencyKey} body({Body?.Length ?? 0} bytes)={(body.Length > 300 ? body[..300] + "…" : body)}";
    }
}
