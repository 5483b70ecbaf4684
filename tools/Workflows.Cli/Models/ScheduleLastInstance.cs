namespace Workflows.Cli.Models;

/// <summary>The instance of a schedule's latest firing and its status.</summary>
internal sealed record ScheduleLastInstance(string Id, string Status);
