using Google.Protobuf;

namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>
/// Decodes an OTLP/HTTP protobuf <c>ExportTraceServiceRequest</c> with <see cref="CodedInputStream"/>, reading only the
/// fields the tests need. Field numbers from open-telemetry/opentelemetry-proto (Apache-2.0):
/// collector/trace/v1/trace_service.proto, trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto.
/// </summary>
public static class OtlpTraceDecoder
{
    public static IReadOnlyList<ReceivedSpan> Decode(byte[] body)
    {
        var spans = new List<ReceivedSpan>();
        // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
        foreach (var (field, resourceSpans) in Messages(body))
            if (field == 1)
                ReadResourceSpans(resourceSpans, spans);
        return spans;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    private static void ReadResourceSpans(ByteString message, List<ReceivedSpan> spans)
    {
        var service = "";
        var scopes = new List<ByteString>();
        foreach (var (field, value) in Messages(message))
        {
            if (field == 1)
            {
                // Resource { repeated KeyValue attributes = 1; }
                var attributes = Attributes(value, 1);
                service = attributes.GetValueOrDefault("service.name", "");
            }
            else if (field == 2)
                scopes.Add(value);
        }
        // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
        foreach (var scope in scopes)
            foreach (var (field, span) in Messages(scope))
                if (field == 2)
                    spans.Add(ReadSpan(service, span));
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
    //        repeated Link links = 13; Status status = 15; }
    private static ReceivedSpan ReadSpan(string service, ByteString message)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        int kind = 0, status = 0;
        ulong start = 0, end = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var links = new List<(string, string)>();
        var input = message.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Hex(input.ReadBytes()); break;
                case 2: spanId = Hex(input.ReadBytes()); break;
                case 4: parent = Hex(input.ReadBytes()); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                case 7: start = input.ReadFixed64(); break;
                case 8: end = input.ReadFixed64(); break;
                case 9:
                    var (key, value) = KeyValue(input.ReadBytes());
                    attributes[key] = value;
                    break;
                case 13: links.Add(Link(input.ReadBytes())); break;
                case 15: status = StatusCode(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind, FromUnixNanos(start), FromUnixNanos(end), attributes, links, status);
    }

    // Link { bytes trace_id = 1; bytes span_id = 2; }
    private static (string TraceId, string SpanId) Link(ByteString message)
    {
        string traceId = "", spanId = "";
        var input = message.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Hex(input.ReadBytes()); break;
                case 2: spanId = Hex(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }
        return (traceId, spanId);
    }

    // Status { string message = 2; StatusCode code = 3; }
    private static int StatusCode(ByteString message)
    {
        var code = 0;
        var input = message.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 3)
                code = input.ReadEnum();
            else
                input.SkipLastField();
        }
        return code;
    }

    private static Dictionary<string, string> Attributes(ByteString message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (number, value) in Messages(message))
        {
            if (number != field)
                continue;
            var (key, text) = KeyValue(value);
            attributes[key] = text;
        }
        return attributes;
    }

    // KeyValue { string key = 1; AnyValue value = 2; }
    private static (string Key, string Value) KeyValue(ByteString message)
    {
        string key = "", value = "";
        var input = message.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: key = input.ReadString(); break;
                case 2: value = AnyValue(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }
        return (key, value);
    }

    // AnyValue { oneof { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; … } }
    private static string AnyValue(ByteString message)
    {
        var input = message.CreateCodedInput();
        var value = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            value = WireFormat.GetTagFieldNumber(tag) switch
            {
                1 => input.ReadString(),
                2 => input.ReadBool() ? "true" : "false",
                3 => input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                4 => input.ReadDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => Skip(input),
            };
        }
        return value;
    }

    private static string Skip(CodedInputStream input)
    {
        input.SkipLastField();
        return "";
    }

    /// <summary>The length-delimited fields of a message, with their numbers (other wire types are skipped).</summary>
    private static List<(int Field, ByteString Value)> Messages(ByteString message) => Messages(message.ToByteArray());

    private static List<(int Field, ByteString Value)> Messages(byte[] message)
    {
        var fields = new List<(int, ByteString)>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                fields.Add((WireFormat.GetTagFieldNumber(tag), input.ReadBytes()));
            else
                input.SkipLastField();
        }
        return fields;
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static DateTime FromUnixNanos(ulong nanos) => DateTime.UnixEpoch.AddTicks((long)(nanos / 100));
}
