using System.Security.Cryptography;
using System.Text;
using Workflows.Runtime;

namespace Workflows.Webhooks.Delivery;

/// <summary>
/// Ids derived from a delivery, the same on every replica and every redelivery, so acting twice is refused by the
/// engine's own keys: a second create of the same instance id is a conflict, a second event with the same event id a no-op.
/// </summary>
internal static class DeliveryKeys
{
    /// <summary>The id of the instance a start route without an <c>Id</c> template creates: <c>{source}-{deliveryId}</c>, or a hash of it when that is not a valid id.</summary>
    public static string InstanceId(string source, string deliveryId)
    {
        var plain = $"{source}-{deliveryId}";
        return InstanceIds.Validate(plain) is null ? plain : $"{source}-{Hash(deliveryId)}";
    }

    /// <summary>The event id of an event route's event: <c>webhook:{source}:{deliveryId}</c>, or a hash when that is too long.</summary>
    public static string EventId(string source, string deliveryId)
    {
        var plain = $"webhook:{source}:{deliveryId}";
        return InputRules.EventId(plain) is null ? plain : $"webhook:{source}:{Hash(deliveryId)}";
    }

    private static string Hash(string deliveryId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)))[..40];
}
