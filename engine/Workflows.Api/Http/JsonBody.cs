using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Workflows.Runtime;

namespace Workflows.Api.Http;

/// <summary>
/// Reads request bodies with a size cap, so an oversized body is refused (413) without being buffered whole, and checks
/// them against the engine's input rules before anything else reads them.
/// </summary>
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

        // Sized to the declared length (within the cap), so a body is not copied as the buffer doubles.
        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? ChunkSize, maxBytes));
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

    /// <summary>
    /// Checks the body against <see cref="InputRules.Json(ReadOnlySpan{byte}, string, int, int)"/>: 400 (or 413) naming
    /// <paramref name="what"/> unless it is one JSON value of valid UTF-8 and Unicode, without NUL, within the limits.
    /// </summary>
    public static void Check(ReadOnlyMemory<byte> body, string what, int maxBytes, int maxDepth = WorkflowJson.MaxReadDepth)
    {
        if (InputRules.Json(body.Span, what, maxBytes, maxDepth) is { } problem)
            throw ProblemException.From(problem);
    }

    /// <summary>The text of a body that passed <see cref="Check"/>.</summary>
    public static string Text(ReadOnlyMemory<byte> body) => Encoding.UTF8.GetString(body.Span);

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
