using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Workflows.Robustness.Tests;

/// <summary>Generators of what a careless or hostile client sends: ids, names and JSON with every kind of trouble in them.</summary>
internal static class HostileInput
{
    /// <summary>Strings a JSON string literal may carry: plain text, escapes of NUL and of unpaired surrogates, pairs, quotes, control characters.</summary>
    public static readonly Gen<string> StringContent = Gen.Frequency(
        (12, Gen.Elements("a", "order", "x y", "ü", "日本", "😀", "0", "", "-", "__")),
        (2, Gen.Elements(@"\u0000", @"\ud800", @"\udfff", @"\ud800x", @"\ud83d\ude00", @"\n", @"\""", @"\\", @"\u001f", @"\u2028")),
        (1, Gen.Choose(1, 0x2FFF).Select(c => char.ConvertFromUtf32(c is >= 0xD800 and <= 0xDFFF ? 0x41 : c) switch
        {
            "\"" => "\\\"",
            "\\" => "\\\\",
            var s when s[0] < 0x20 => $"\\u{(int)s[0]:x4}",
            var s => s,
        })),
        (1, Gen.Choose(1, 3).Select(n => new string('z', n * 40_000))));

    /// <summary>An instance id: valid ones, and every way of breaking the rule (empty, too long, a leading '-', other characters).</summary>
    public static readonly Gen<string> Id = Gen.Frequency(
        (6, Gen.Choose(1, 1_000_000).Select(n => $"r-{n}")),
        (1, Gen.Elements("", "-lead", new string('a', 100), new string('a', 101), "a b", "a/b", "a%00b", "..", "ü", "a\u0000b", "%2e%2e", "a?b", "\ud800")));

    /// <summary>A workflow name in a path: the samples, names no Executor registered, and broken ones.</summary>
    public static readonly Gen<string> Workflow = Gen.Frequency(
        (6, Gen.Elements("echo", "approval")),
        (1, Gen.Elements("nope", new string('w', 65), "a b", "a\u0001b", "%00", "ü")));

    /// <summary>A JSON scalar as text: null, booleans, numbers at the edges of what parsers take, strings of <see cref="StringContent"/>.</summary>
    public static readonly Gen<string> Scalar = Gen.Frequency(
        (1, Gen.Elements("null", "true", "false", "0", "-0", "1e308", "-1.5e-300", "12345678901234567890123", "0.1")),
        (3, StringContent.Select(s => $"\"{s}\"")));

    /// <summary>A JSON value as text, nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<string> Json(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, Gen.ListOf(Json(depth - 1), 3).Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.ListOf(Gen.Zip(StringContent, Json(depth - 1)), 3).Select(props => "{" + string.Join(",", props.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}")));

    /// <summary>Arrays or objects nested around a scalar, up to 80 levels: around the depth limit and past it.</summary>
    public static readonly Gen<string> Deep = Gen.Zip(Gen.Choose(60, 80), Gen.Elements(true, false))
        .Select(x => x.Item2
            ? string.Concat(Enumerable.Repeat("[", x.Item1)) + "1" + string.Concat(Enumerable.Repeat("]", x.Item1))
            : string.Concat(Enumerable.Repeat("{\"a\":", x.Item1)) + "1" + string.Concat(Enumerable.Repeat("}", x.Item1)));

    /// <summary>Params or payloads: well-formed JSON (sometimes deep), and text that is not JSON at all.</summary>
    public static readonly Gen<string> Value = Gen.Frequency(
        (6, Json(3)),
        (1, Deep),
        (1, Gen.Elements("{", "[1,]", "{\"a\":}", "nul", "'x'", "{\"a\":1}}", "\"\\x\"", "1e99999", "-")));

    /// <summary>A body's bytes: the text as UTF-8, or with bytes that are not UTF-8 put in.</summary>
    public static Gen<byte[]> Bytes(Gen<string> text) => Gen.Frequency(
        (8, text.Select(Encoding.UTF8.GetBytes)),
        (1, text.Select(t => Encoding.UTF8.GetBytes(t).Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray())),
        (1, text.Select(t => Encoding.UTF8.GetBytes(t.Replace("\"a\"", "\"\u00e9\"", StringComparison.Ordinal)).Select(b => b == 0xC3 ? (byte)0xC0 : b).ToArray())));
}
