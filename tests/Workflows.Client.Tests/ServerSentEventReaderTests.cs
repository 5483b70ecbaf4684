using System.Text;
using Workflows.Client.Streaming;

namespace Workflows.Client.Tests;

/// <summary>The SSE parser on byte streams as a server (or a proxy) may cut and format them.</summary>
public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task Fields_make_an_event_that_a_blank_line_ends()
    {
        var events = await ReadAsync("id: 1\nevent: created\ndata: {\"a\":1}\n\nid: 2\nevent: started\ndata: {}\n\n");

        Assert.Equal([new ServerSentEvent("1", "created", "{\"a\":1}"), new ServerSentEvent("2", "started", "{}")], events);
    }

    [Fact]
    public async Task Data_lines_are_joined_with_newlines_comments_are_skipped_and_crlf_ends_lines()
    {
        var events = await ReadAsync(": keep-alive\r\nid:7\r\nevent:progress\r\ndata:line one\r\ndata: line two\r\n\r\n");

        Assert.Equal([new ServerSentEvent("7", "progress", "line one\nline two")], events);
    }

    [Fact]
    public async Task An_event_without_data_is_not_dispatched_and_the_last_id_carries_over()
    {
        var events = await ReadAsync("id: 3\nevent: ping\n\ndata: x\n\n");

        Assert.Equal([new ServerSentEvent("3", "message", "x")], events);
    }

    [Fact]
    public async Task An_event_cut_off_before_its_blank_line_is_not_dispatched()
    {
        var events = await ReadAsync("id: 1\ndata: whole\n\nid: 2\ndata: {\"half\":");

        Assert.Equal([new ServerSentEvent("1", "message", "whole")], events);
    }

    private static async Task<List<ServerSentEvent>> ReadAsync(string wire)
    {
        var events = new List<ServerSentEvent>();
        await foreach (var e in ServerSentEventReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(wire)), CancellationToken.None))
            events.Add(e);
        return events;
    }
}
