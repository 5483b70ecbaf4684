namespace Workflows.DevHost;

/// <summary>Which infrastructure this DevHost runs on.</summary>
/// <param name="Embedded">In-memory bus and SQLite (true), or RabbitMQ and PostgreSQL (false).</param>
/// <param name="SqliteConnectionString">The SQLite connection string of the embedded mode.</param>
public sealed record DevHostMode(bool Embedded, string? SqliteConnectionString);
