using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace Workflows.Robustness.Tests;

/// <summary>Generated requests on every route of the HTTP API, mostly on a small pool of ids so creates, events and commands meet.</summary>
internal static class HostileRequests
{
    private static readonly Gen<string> PoolId = Gen.Frequency(
        (5, Gen.Choose(1, 40).Select(n => $"r-{n}")),
        (1, HostileInput.Id));

    private static readonly Gen<string?> ContentType = Gen.Frequency(
        (10, Gen.Constant<string?>("application/json")),
        (1, Gen.Elements<string?>("text/plain", null, "application/json; charset=latin1", "application/x-www-form-urlencoded")));

    // Creates mostly get a fresh or generated id, so most valid ones are accepted rather than conflicting.
    private static readonly Gen<string?> CreateId = Gen.Frequency(
        (3, Gen.Constant<string?>(null)),
        (3, Gen.Choose(1, 1_000_000_000).Select(n => (string?)$"u-{n}")),
        (2, PoolId.Select(id => (string?)id)));

    private static readonly Gen<HostileRequest> Create =
        from workflow in HostileInput.Workflow
        from id in CreateId
        from value in HostileInput.Value
        from contentType in ContentType
        from bytes in HostileInput.Bytes(Gen.Constant(Item(id, value)))
        select new HostileRequest(HttpMethod.Post, $"api/workflows/{Segment(workflow)}/instances", bytes, contentType, null) { CreatesIn = workflow };

    private static readonly Gen<HostileRequest> Batch =
        from workflow in HostileInput.Workflow
        from items in Gen.Frequency((6, Gen.Choose(1, 5)), (1, Gen.Elements(0, 101)))
            .SelectMany(n => Gen.ListOf(Gen.Zip(CreateId, HostileInput.Value), n))
        from contentType in ContentType
        select new HostileRequest(HttpMethod.Post, $"api/workflows/{Segment(workflow)}/instances/batch",
            Encoding.UTF8.GetBytes("[" + string.Join(",", items.Select(i => Item(i.Item1, i.Item2))) + "]"), contentType, null) { CreatesIn = workflow, IsBatch = true };

    private static readonly Gen<HostileRequest> Event =
        from workflow in HostileInput.Workflow
        from id in PoolId
        from type in Gen.Frequency((5, Gen.Constant("approval")), (1, Gen.Elements("other", new string('t', 257), "a\u0001b", "%00")))
        from payload in HostileInput.Bytes(HostileInput.Value)
        from key in Gen.OrNull(Gen.Frequency((4, Gen.Choose(1, 20).Select(n => $"k-{n}")), (1, Gen.Elements("", new string('k', 201), "k\u0001"))))
        from contentType in ContentType
        select new HostileRequest(HttpMethod.Post, $"api/workflows/{Segment(workflow)}/instances/{Segment(id)}/events/{Segment(type)}", payload, contentType, key);

    private static readonly Gen<HostileRequest> Read =
        from workflow in HostileInput.Workflow
        from id in PoolId
        from query in Gen.Elements("", "?limit=0", "?limit=abc", "?limit=100", "?status=complete", "?status=nope", "?cursor=%00%ff", "?cursor=AAAA", "?limit=-1&status=")
        from one in Gen.Elements(true, false)
        select new HostileRequest(HttpMethod.Get, one ? $"api/workflows/{Segment(workflow)}/instances/{Segment(id)}" : $"api/workflows/{Segment(workflow)}/instances{query}", null, null, null);

    private static readonly Gen<HostileRequest> Command =
        from workflow in HostileInput.Workflow
        from id in PoolId
        from verb in Gen.Elements("pause", "resume", "terminate", "restart")
        from body in Gen.Elements<string?>(null, "{}", "{\"from\":{\"step\":\"nope\"}}", "{\"from\":{\"step\":\"\\u0000\"}}", "{\"from\":\"x\"}", "[", "{\"from\":{\"step\":\"\\ud800\"}}")
        select new HostileRequest(HttpMethod.Post, $"api/workflows/{Segment(workflow)}/instances/{Segment(id)}/{verb}",
            body is null ? null : Encoding.UTF8.GetBytes(body), "application/json", null);

    private static readonly Gen<HostileRequest> Diagram =
        from workflow in HostileInput.Workflow
        from query in Gen.Elements("", "?format=json", "?format=mermaid", "?format=svg", "?format=SVG", "?format=", "?format=%00", "?format=png&format=svg")
        select new HostileRequest(HttpMethod.Get, $"api/workflows/{Segment(workflow)}/diagram{query}", null, null, null);

    public static readonly Gen<HostileRequest> Any = Gen.Frequency(
        (6, Create), (2, Batch), (4, Event), (3, Read), (3, Command), (1, Diagram));

    /// <summary>One create item as a client writes it: the id JSON-encoded as .NET would (an unpaired surrogate escaped), the params as given.</summary>
    private static string Item(string? id, string value) =>
        id is null ? $"{{\"params\":{value}}}" : $"{{\"id\":{JsonSerializer.Serialize(id)},\"params\":{value}}}";

    /// <summary>A path segment as a URL carries it: whatever it holds arrives at the server percent-decoded.</summary>
    private static string Segment(string value) => Uri.EscapeDataString(value);
}
