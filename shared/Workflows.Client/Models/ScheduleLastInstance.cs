namespace Workflows.Client.Models;

/// <summary>The instance of a schedule's latest firing.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Status">Its status now.</param>
public sealed record ScheduleLastInstance(string Id, string Status);
