using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflows.Storage;

/// <summary>
/// SQLite has no timestamp type and EF Core cannot compare or order <see cref="DateTimeOffset"/> text there:
/// stored as UTC ticks, instants compare and sort as integers.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
