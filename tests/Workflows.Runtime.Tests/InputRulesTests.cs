using System.Text;

namespace Workflows.Runtime.Tests;

public class InputRulesTests
{
    private static readonly WorkflowRuntimeOptions Limits = new() { MaxParamsBytes = 100, MaxEventPayloadBytes = 50 };

    [Fact]
    public void Json_of_exactly_the_size_limit_is_accepted_and_one_byte_more_is_too_large()
    {
        var atLimit = $"\"{new string('x', 98)}\"";
        var over = $"\"{new string('x', 99)}\"";

        Assert.Null(InputRules.Json(atLimit, "Params", 100));
        var problem = InputRules.Json(over, "Params", 100);

        Assert.Equal(InputProblemKind.TooLarge, problem?.Kind);
        Assert.Equal("Params: 101 bytes of JSON, over the limit of 100 bytes.", problem?.Message);
    }

    [Fact]
    public void Size_is_measured_in_utf8_bytes_as_stored_not_in_characters()
    {
        // Four characters, seven bytes: "é" is two bytes and "€" three in UTF-8.
        Assert.Null(InputRules.Json("\"é€\"", "Params", 7));
        Assert.Equal(InputProblemKind.TooLarge, InputRules.Json("\"é€\"", "Params", 6)?.Kind);
    }

    [Fact]
    public void Json_64_levels_deep_is_accepted_and_65_levels_are_refused_naming_the_limit()
    {
        Assert.Null(InputRules.Json(Nested(64), "Event payload", int.MaxValue));
        Assert.Null(InputRules.Json("""{"a":[{"b":1}]}""", "Event payload", int.MaxValue, maxDepth: 3));

        var problem = InputRules.Json(Nested(65), "Event payload", int.MaxValue);
        var object65 = InputRules.Json(string.Concat(Enumerable.Repeat("{\"a\":", 65)) + "1" + new string('}', 65), "Event payload", int.MaxValue);

        Assert.Equal(InputProblemKind.Invalid, problem?.Kind);
        Assert.Contains("more than 64 levels", problem?.Message, StringComparison.Ordinal);
        Assert.Equal(problem?.Message, object65?.Message);
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\uDC00\"")]
    [InlineData("\"a\\ud800b\"")]
    [InlineData("\"\\ud800\\u0041\"")]
    [InlineData("\"\\ud800\\ud800\\udc00\"")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("[1,{\"deep\":[\"ok\",\"\\ud83d\"]}]")]
    public void A_lone_surrogate_escape_in_any_string_or_property_name_is_refused(string json)
    {
        var problem = InputRules.Json(json, "Params", int.MaxValue);

        Assert.Equal(InputProblemKind.Invalid, problem?.Kind);
        Assert.Contains("unpaired surrogate", problem?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\ud83d\\ude00\"")]
    [InlineData("\"\\\\ud800\"")]
    [InlineData("\"tab\\t quote\\\" slash\\/ \\u00e9 \\u20AC\"")]
    [InlineData("{\"\\u0041\":\"😀\"}")]
    public void Paired_surrogates_and_other_escapes_are_accepted(string json) =>
        Assert.Null(InputRules.Json(json, "Params", int.MaxValue));

    [Theory]
    [InlineData("\"a\\u0000b\"")]
    [InlineData("{\"\\u0000\":1}")]
    public void A_nul_escape_in_a_string_or_property_name_is_refused(string json) =>
        Assert.Contains("NUL", InputRules.Json(json, "Params", int.MaxValue)?.Message, StringComparison.Ordinal);

    [Fact]
    public void A_raw_nul_is_refused_as_invalid_json() =>
        Assert.Contains("not valid JSON", InputRules.Json("\"a\0b\"", "Params", int.MaxValue)?.Message, StringComparison.Ordinal);

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":\"xx\"}");
        bytes[6] = 0xC3;
        bytes[7] = 0x28;

        Assert.Equal("Body: not valid UTF-8.", InputRules.Json(bytes, "Body", int.MaxValue)?.Message);
    }

    [Fact]
    public void A_string_holding_an_unpaired_surrogate_character_is_refused_as_not_unicode() =>
        Assert.Contains("not valid Unicode", InputRules.Json("\"a\ud800\"", "Params", int.MaxValue)?.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("1 2")]
    [InlineData("{\"a\":1,}")]
    [InlineData("// note\n1")]
    [InlineData("nul")]
    [InlineData("{'a':1}")]
    public void Text_that_is_not_exactly_one_json_value_is_refused(string json) =>
        Assert.Contains("not valid JSON", InputRules.Json(json, "Params", int.MaxValue)?.Message, StringComparison.Ordinal);

    [Fact]
    public void No_params_is_accepted() => Assert.Null(InputRules.NewInstance("echo", "order-1", null, Limits));

    [Theory]
    [InlineData("ec\0ho", "order-1", "{}", "control characters")]
    [InlineData("", "order-1", "{}", "cannot be empty")]
    [InlineData("echo", "order\01", "{}", "may hold only")]
    [InlineData("echo", "-order", "{}", "must not start with '-'")]
    [InlineData("echo", "order-1", "{\"a\":\"\\u0000\"}", "NUL")]
    [InlineData("echo", "order-1", "not json", "not valid JSON")]
    public void A_new_instance_with_a_bad_name_id_or_params_is_refused_saying_why(string workflow, string id, string paramsJson, string why)
    {
        var problem = InputRules.NewInstance(workflow, id, paramsJson, Limits);

        Assert.Equal(InputProblemKind.Invalid, problem?.Kind);
        Assert.Contains(why, problem?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_name_or_event_type_with_an_unpaired_surrogate_is_refused_as_not_unicode()
    {
        // Not theory data: xunit would replace the lone surrogate when it serializes the case.
        Assert.Contains("not valid Unicode", InputRules.NewInstance("e\ud800", "order-1", "{}", Limits)?.Message, StringComparison.Ordinal);
        Assert.Contains("not valid Unicode", InputRules.Event("i-1", "e-1", "a\udc00", null, Limits)?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Params_over_the_configured_limit_are_too_large() =>
        Assert.Equal(InputProblemKind.TooLarge, InputRules.NewInstance("echo", "order-1", $"\"{new string('x', 99)}\"", Limits)?.Kind);

    [Theory]
    [InlineData("i-1", "e-1", "", "null", "event type is empty")]
    [InlineData("i-1", "e-1", "a\nb", "null", "control character")]
    [InlineData("i-1", "", "approval", "null", "event id is empty")]
    [InlineData("i 1", "e-1", "approval", "null", "instance id")]
    [InlineData("i-1", "e-1", "approval", "[[[\"\\ud800\"]]]", "unpaired surrogate")]
    public void An_event_with_a_bad_id_type_or_payload_is_refused_saying_why(string instanceId, string eventId, string type, string payload, string why) =>
        Assert.Contains(why, InputRules.Event(instanceId, eventId, type, payload, Limits)?.Message, StringComparison.Ordinal);

    [Fact]
    public void Event_types_and_ids_have_their_length_limits()
    {
        Assert.Null(InputRules.Event("i-1", new string('k', 200), new string('t', 256), null, Limits));
        Assert.Contains("257 characters", InputRules.EventType(new string('t', 257)), StringComparison.Ordinal);
        Assert.Contains("201 characters", InputRules.EventId(new string('k', 201)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_payload_over_its_limit_is_too_large() =>
        Assert.Equal(InputProblemKind.TooLarge, InputRules.Event("i-1", "e-1", "t", $"\"{new string('x', 49)}\"", Limits)?.Kind);

    internal static string Nested(int levels) => new string('[', levels) + new string(']', levels);
}
