namespace Workflows.Hosting;

/// <summary>What a process runs on: RabbitMQ and PostgreSQL (the default), or the embedded default (in-memory bus, SQLite file).</summary>
/// <param name="SqliteConnectionString">The SQLite connection string of the embedded default; null on RabbitMQ and PostgreSQL.</param>
public sealed record WorkflowsInfrastructure(string? SqliteConnectionString)
{
    /// <summary>RabbitMQ (<c>ConnectionStrings:RabbitMq</c>) and PostgreSQL (<c>ConnectionStrings:Postgres</c>).</summary>
    public static WorkflowsInfrastructure Distributed { get; } = new((string?)null);

    /// <summary>In-memory bus and SQLite: one process holds the whole engine.</summary>
    public bool Embedded => SqliteConnectionString is not null;
}
