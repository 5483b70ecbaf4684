using Npgsql;

namespace Workflows.Hosting;

/// <summary>Reads and checks <c>ConnectionStrings:Postgres</c>.</summary>
public static class PostgresSettings
{
    public const string Key = "ConnectionStrings:Postgres";

    public static string Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new MissingSettingException($"{Key} is not set: give an Npgsql connection string such as Host=127.0.0.1;Database=workflows;Username=...;Password=... (deploy/local/infra.sh up writes one).");
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(parsed.Host))
                throw new MissingSettingException($"{Key} has no Host.");
            return value;
        }
        catch (ArgumentException e)
        {
            throw new MissingSettingException($"{Key} is not a valid Npgsql connection string ({e.Message}).");
        }
    }
}
