namespace Workflows.Engine;

/// <summary>Section <c>Engine</c>: where the embedded engine keeps its state.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>Where the SQLite file (<c>engine.db</c>) and <c>cli.json</c> go; relative paths start at the working directory.</summary>
    public string StateDirectory { get; set; } = ".workflows";

    /// <summary>The SQLite file of the embedded default (a full connection string in <c>ConnectionStrings:Sqlite</c> wins).</summary>
    public string DatabasePath => Path.Combine(StateDirectory, "engine.db");

    /// <summary>The file the <c>workflows</c> CLI reads: <c>{ "url": ..., "apiKey": ... }</c>.</summary>
    public string CliConfigPath => Path.Combine(StateDirectory, "cli.json");
}
