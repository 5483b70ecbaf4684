using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Client.Http;

/// <summary>Reads a <c>List&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c> of a reference type and refuses a null item, which <c>RespectNullableAnnotations</c> does not check.</summary>
internal sealed class NonNullItemsConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => ItemType(typeToConvert) is not null;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ListConverter<,>).MakeGenericType(typeToConvert, ItemType(typeToConvert)!))!;

    private static Type? ItemType(Type type) =>
        type.IsGenericType
        && (type.GetGenericTypeDefinition() == typeof(List<>) || type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        && type.GetGenericArguments()[0] is { IsValueType: false } item
            ? item
            : null;

    private sealed class ListConverter<TList, TItem> : JsonConverter<TList>
        where TList : class, IEnumerable<TItem>
    {
        public override TList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new JsonException($"Expected an array of {typeof(TItem).Name}, not {reader.TokenType}.");
            var items = new List<TItem>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                items.Add(JsonSerializer.Deserialize<TItem>(ref reader, options) ?? throw new JsonException($"An item of a list of {typeof(TItem).Name} is null."));
            // List<TItem> is both shapes this converter is made for.
            return (TList)(object)items;
        }

        public override void Write(Utf8JsonWriter writer, TList value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToList(), options);
    }
}
