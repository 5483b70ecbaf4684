using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Workflows.Runtime;

/// <summary>
/// The one set of rules for what enters the engine — params, event payloads, instance ids, workflow names, event types
/// and ids — applied by every entrance (HTTP, the AMQP start, the Events inbox) before anything is queued or written,
/// so that whatever is accepted can be stored, replayed and read back. Each check returns the problem, or null.
/// </summary>
public static class InputRules
{
    /// <summary>Longest event type.</summary>
    public const int MaxEventTypeLength = 256;

    /// <summary>Longest event id (the HTTP <c>Idempotency-Key</c>).</summary>
    public const int MaxEventIdLength = 200;

    /// <summary>Longest callback URL.</summary>
    public const int MaxCallbackUrlLength = 2048;

    // Throws on an unpaired surrogate instead of writing U+FFFD, so a broken string is refused, not altered.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Checks JSON text as it will be stored: at most <paramref name="maxBytes"/> bytes, valid UTF-8, exactly one JSON
    /// value, at most <paramref name="maxDepth"/> levels of objects and arrays, and no string or property name holding an
    /// unpaired surrogate escape (<c>"\ud800"</c>) or a NUL (<c>"\u0000"</c>).
    /// </summary>
    /// <param name="utf8Json">The UTF-8 bytes of the JSON text.</param>
    /// <param name="what">What the JSON is, capitalised, for the message (<c>Params</c>, <c>Event payload</c>).</param>
    /// <param name="maxBytes">The size limit.</param>
    /// <param name="maxDepth">The depth limit; <see cref="WorkflowJson.MaxInputDepth"/> for params and event payloads.</param>
    /// <returns>The problem, or null when the JSON is acceptable.</returns>
    public static InputProblem? Json(ReadOnlySpan<byte> utf8Json, string what, int maxBytes, int maxDepth = WorkflowJson.MaxInputDepth)
    {
        if (utf8Json.Length > maxBytes)
            return InputProblem.TooLarge($"{what}: {utf8Json.Length:N0} bytes of JSON, over the limit of {maxBytes:N0} bytes.");
        if (!Utf8.IsValid(utf8Json))
            return InputProblem.Invalid($"{what}: not valid UTF-8.");

        // One level more for the reader, so that the level over the limit is ours to name rather than the reader's.
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= maxDepth:
                        return InputProblem.Invalid($"{what}: nested more than {maxDepth} levels deep (objects and arrays); at most {maxDepth} are allowed.");
                    case JsonTokenType.String or JsonTokenType.PropertyName when reader.ValueIsEscaped:
                        if (EscapeProblem(reader.ValueSpan) is { } escape)
                            return InputProblem.Invalid($"{what}: {escape}");
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return InputProblem.Invalid($"{what}: not valid JSON. {e.Message}");
        }
        return null;
    }

    /// <summary>
    /// <see cref="Json(ReadOnlySpan{byte}, string, int, int)"/> for JSON held as a string (a message field): its UTF-8
    /// bytes are what is measured and stored, and a string with an unpaired surrogate has none.
    /// </summary>
    /// <param name="json">The JSON text; null means no value and is accepted.</param>
    /// <param name="what">What the JSON is, capitalised, for the message.</param>
    /// <param name="maxBytes">The size limit.</param>
    /// <param name="maxDepth">The depth limit.</param>
    /// <returns>The problem, or null.</returns>
    public static InputProblem? Json(string? json, string what, int maxBytes, int maxDepth = WorkflowJson.MaxInputDepth)
    {
        if (json is null)
            return null;
        int size;
        try
        {
            size = StrictUtf8.GetByteCount(json);
        }
        catch (EncoderFallbackException)
        {
            return InputProblem.Invalid($"{what}: not valid Unicode (an unpaired surrogate character).");
        }
        if (size > maxBytes)
            return InputProblem.TooLarge($"{what}: {size:N0} bytes of JSON, over the limit of {maxBytes:N0} bytes.");

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = StrictUtf8.GetBytes(json, buffer);
            return Json(buffer.AsSpan(0, written), what, maxBytes, maxDepth);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A new instance, however it arrives: its workflow name, its id and its params (null for none).</summary>
    /// <param name="workflow">The workflow name (<see cref="WorkflowNames"/>).</param>
    /// <param name="instanceId">The instance id (<see cref="InstanceIds"/>).</param>
    /// <param name="paramsJson">The params as JSON, or null.</param>
    /// <param name="limits">The limits (<see cref="WorkflowRuntimeOptions.MaxParamsBytes"/>).</param>
    /// <param name="callbackUrl">Where its lifecycle events are POSTed, or null.</param>
    /// <returns>The problem, or null.</returns>
    public static InputProblem? NewInstance(string? workflow, string? instanceId, string? paramsJson, WorkflowRuntimeOptions limits, string? callbackUrl = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (WorkflowNames.ValidateWorkflowName(workflow) is { } name)
            return InputProblem.Invalid(name);
        if (InstanceId(instanceId) is { } id)
            return InputProblem.Invalid(id);
        if (callbackUrl is not null && CallbackUrl(callbackUrl) is { } callback)
            return InputProblem.Invalid(callback);
        return Json(paramsJson, "Params", limits.MaxParamsBytes);
    }

    /// <summary>Why a callback URL is invalid (an absolute http or https URL of at most 2,048 characters), or null.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The sentence, or null.</returns>
    public static string? CallbackUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return "The callback needs a url.";
        if (url.Length > MaxCallbackUrlLength)
            return $"The callback url is {url.Length:N0} characters; it can be at most {MaxCallbackUrlLength:N0}.";
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"The callback url must be an absolute http or https URL; got '{url}'.";
    }

    /// <summary>An event, however it arrives: the instance, the event's id and type, and its payload (null for none).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="type">The event type.</param>
    /// <param name="payloadJson">The payload as JSON, or null.</param>
    /// <param name="limits">The limits (<see cref="WorkflowRuntimeOptions.MaxEventPayloadBytes"/>).</param>
    /// <returns>The problem, or null.</returns>
    public static InputProblem? Event(string? instanceId, string? eventId, string? type, string? payloadJson, WorkflowRuntimeOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var problem = InstanceId(instanceId) ?? EventId(eventId) ?? EventType(type);
        return problem is not null ? InputProblem.Invalid(problem) : Json(payloadJson, "Event payload", limits.MaxEventPayloadBytes);
    }

    /// <summary>Why an instance id is invalid (<see cref="InstanceIds.Validate"/>) as a sentence, or null.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The sentence, or null.</returns>
    public static string? InstanceId(string? id) =>
        InstanceIds.Validate(id) is { } problem ? $"{char.ToUpperInvariant(problem[0])}{problem[1..]}." : null;

    /// <summary>Why an event type is invalid (1–256 characters, no control characters, valid Unicode), or null.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The sentence, or null.</returns>
    public static string? EventType(string? type) => Text("event type", type, MaxEventTypeLength);

    /// <summary>Why an event id (an <c>Idempotency-Key</c>) is invalid (1–200 characters, no control characters, valid Unicode), or null.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The sentence, or null.</returns>
    public static string? EventId(string? id) => Text("event id", id, MaxEventIdLength);

    /// <summary>Whether every surrogate in <paramref name="text"/> is half of a pair, so that it has a UTF-8 form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>True when the text is valid Unicode.</returns>
    public static bool IsValidUnicode(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
                continue;
            if (!char.IsHighSurrogate(text[i]) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                return false;
            i++;
        }
        return true;
    }

    private static string? Text(string what, string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
            return $"The {what} is empty; it must be 1 to {maxLength} characters.";
        if (text.Length > maxLength)
            return $"The {what} is {text.Length} characters; it must be 1 to {maxLength} characters.";
        if (text.Any(char.IsControl))
            return $"The {what} holds a control character; none are allowed.";
        if (!IsValidUnicode(text))
            return $"The {what} is not valid Unicode (an unpaired surrogate character).";
        return null;
    }

    /// <summary>An unpaired surrogate or NUL among the escapes of a raw (still escaped) JSON string, which the reader has checked for syntax.</summary>
    private static string? EscapeProblem(ReadOnlySpan<byte> raw)
    {
        const string Unpaired = "a string holds an unpaired surrogate escape (such as \\ud800), which is not valid Unicode.";
        var expectLow = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var isUnicodeEscape = raw[i] == (byte)'\\' && raw[i + 1] == (byte)'u';
            if (!isUnicodeEscape)
            {
                if (expectLow)
                    return Unpaired;
                // Skip the escaped character, so that "\\u" is not taken for an escape.
                if (raw[i] == (byte)'\\')
                    i++;
                continue;
            }
            Utf8Parser.TryParse(raw.Slice(i + 2, 4), out ushort unit, out _, 'X');
            i += 5;
            if (unit == 0)
                return "a string holds a NUL character (\\u0000), which is not allowed.";
            var isHigh = unit is >= 0xD800 and <= 0xDBFF;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (expectLow != isLow)
                return Unpaired;
            expectLow = isHigh;
        }
        return expectLow ? Unpaired : null;
    }
}
