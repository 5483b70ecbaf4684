namespace Workflows.DevHost;

/// <summary>Section <c>DevHost</c>.</summary>
public sealed class DevHostOptions
{
    public const string Section = "DevHost";

    /// <summary>Where the SQLite file (<c>devhost.db</c>) and <c>cli.json</c> go; relative paths start at the working directory.</summary>
    public string StateDirectory { get; set; } = ".workflows";

    /// <summary>The SQLite file of the embedded mode (a full connection string in <c>ConnectionStrings:Sqlite</c> wins).</summary>
    public string DatabasePath => Path.Combine(StateDirectory, "devhost.db");

    /// <summary>The file the <c>workflows</c> CLI reads: <c>{ "url": ..., "apiKey": ... }</c>.</summary>
    public string CliConfigPath => Path.Combine(StateDirectory, "cli.json");
}
