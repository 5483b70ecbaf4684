using System.Runtime.CompilerServices;
using System.Text;

namespace Workflows.Client.Streaming;

/// <summary>
/// Reads <c>text/event-stream</c> as the HTML Living Standard defines it: <c>field: value</c> lines, <c>data</c> lines joined
/// with a newline, comments (<c>:</c>) ignored, a blank line ends an event; an event without data is not dispatched.
/// </summary>
internal static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        string? id = null, type = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                    yield return new ServerSentEvent(id, type ?? "message", data.ToString());
                (type, hasData) = (null, false);
                data.Clear();
                continue;
            }
            if (line[0] == ':')
                continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
                value = value[1..];
            switch (field)
            {
                case "data":
                    if (hasData) data.Append('\n');
                    data.Append(value);
                    hasData = true;
                    break;
                case "event":
                    type = value;
                    break;
                // The spec ignores an id holding NUL; the last id persists across events until replaced.
                case "id" when !value.Contains('\0', StringComparison.Ordinal):
                    id = value;
                    break;
            }
        }
    }
}
