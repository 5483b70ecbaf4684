using System.Text.Json;

namespace Workflows.Client.Observers.Tests;

/// <summary>Reads a <c>text/event-stream</c> response event by event: <c>id</c>, <c>event</c> and the parsed <c>data</c>.</summary>
public sealed class SseReader(Stream body)
{
    private readonly StreamReader reader = new(body);

    /// <summary>The next event, or null when the server ended the response.</summary>
    public async Task<SseEvent?> NextAsync(CancellationToken ct)
    {
        string? id = null, type = null, data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                    return new SseEvent(long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture), type!, JsonDocument.Parse(data).RootElement.Clone());
                continue;
            }
            if (line.StartsWith(':'))
                continue;
            var colon = line.IndexOf(':');
            var (field, value) = (line[..colon], line[(colon + 1)..].TrimStart());
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = value; break;
            }
        }
        return null;
    }
}

/// <summary>One Server-Sent Event.</summary>
public sealed record SseEvent(long Id, string Type, JsonElement Data);
