using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Workflows.Runtime;

namespace Workflows.Api;

/// <summary>The opaque keyset cursor of an instance list: the (createdAt, id) of the last instance of the previous page.</summary>
internal sealed record ListCursor(DateTimeOffset CreatedAt, string InstanceId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{InstanceId}"));

    public static ListCursor? TryDecode(string text)
    {
        if (text.Length > 400) return null;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = Encoding.UTF8.GetString(bytes).Split(':', 2);
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || InstanceIds.Validate(parts[1]) is not null)
            return null;
        return new ListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
    }
}
