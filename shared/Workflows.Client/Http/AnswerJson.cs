using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Workflows.Client.Http;

/// <summary>
/// How the client reads the Api's answers: strictly, so a body that is not the documented shape (a proxy's page, a missing
/// member, a null where the Api never sends one) fails as an answer the client cannot read rather than deep in rendering.
/// </summary>
internal static class AnswerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Params and payloads may be 64 levels deep and an answer nests them up to four further (docs/api.md): the engine's own read depth.
        MaxDepth = 128,
        RespectNullableAnnotations = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireNonNullableMembers } },
        Converters = { new NonNullItemsConverter() },
    };

    // The Api leaves out only members that may be null (docs/api.md), so a missing non-nullable one is a foreign answer.
    private static void RequireNonNullableMembers(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties)
        {
            // Computed members (InstanceDetails.HasEnded) are written, never read.
            if (!property.IsSetNullable && (property.Set is not null || property.AssociatedParameter is not null))
                property.IsRequired = true;
        }
    }
}
