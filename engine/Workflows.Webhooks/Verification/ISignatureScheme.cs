using System.Text.Json;

namespace Workflows.Webhooks.Verification;

/// <summary>A source's signature scheme: checks a delivery's signature over its raw bytes, and names its delivery id.</summary>
internal interface ISignatureScheme
{
    /// <summary>True when one of the source's secrets signed exactly these bytes within the replay window.</summary>
    bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now);

    /// <summary>The sender's id of this (verified) delivery, or null when it carries none.</summary>
    string? DeliveryId(IHeaderDictionary headers, JsonElement body);
}
