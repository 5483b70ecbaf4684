using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Workflows.Api.Http;

/// <summary>Reads request bodies with a size cap, so an oversized body is refused (413) without being buffered whole.</summary>
internal static class JsonBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>The body's bytes (empty when there is none); more than <paramref name="maxBytes"/> is a 413 naming <paramref name="what"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, long maxBytes, string what, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            throw TooLarge(what, maxBytes);

        // Our cap replaces the server's (30 MB by default): a batch may legitimately be bigger.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = null;

        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw TooLarge(what, maxBytes);
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        return IsBlank(bytes.Span) ? ReadOnlyMemory<byte>.Empty : bytes;
    }

    /// <summary>Deserializes the body; malformed JSON or a wrong shape is a 400 that names the problem.</summary>
    public static T Deserialize<T>(ReadOnlyMemory<byte> body, JsonSerializerOptions options, string expected)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, options) ?? throw ProblemException.BadRequest($"The body must be {expected}, not null.");
        }
        catch (JsonException e)
        {
            throw ProblemException.BadRequest($"The body is not {expected}: {Describe(e)}");
        }
    }

    /// <summary>Checks that the body is one JSON value and returns it as text.</summary>
    public static string ValidJsonText(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw ProblemException.BadRequest($"The body is not valid JSON: {Describe(e)}");
        }
        return System.Text.Encoding.UTF8.GetString(body.Span);
    }

    public static int ByteCount(string json) => System.Text.Encoding.UTF8.GetByteCount(json);

    private static string Describe(JsonException e) =>
        // System.Text.Json's messages name the token and position; type-conversion ones also name a .NET type, which a client cannot act on.
        e.Path is { } path && e.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"the value at {path} has the wrong type (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."
            : e.Message;

    private static ProblemException TooLarge(string what, long maxBytes) =>
        ProblemException.TooLarge($"The {what} is larger than the limit of {maxBytes} bytes.");

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return false;
        return true;
    }
}
