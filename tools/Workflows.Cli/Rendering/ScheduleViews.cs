using System.Globalization;
using Workflows.Client.Models;

namespace Workflows.Cli.Rendering;

/// <summary>What <c>workflows schedules …</c> prints.</summary>
internal static class ScheduleViews
{
    public static void List(TextWriter output, SchedulePage page)
    {
        if (page.Schedules.Count == 0)
        {
            output.WriteLine("No schedules.");
            return;
        }
        TableView.Write(output, ["Id", "Workflow", "When", "Overlap", "State", "Next fire", "Fired", "Skipped", "Missed"], page.Schedules.Select(s => (IReadOnlyList<string>)
        [
            s.Id, s.Workflow, When(s), s.Overlap, s.State, s.NextFireTimes.Count > 0 ? Format.Time(s.NextFireTimes[0]) : "-",
            Number(s.Counts.Fired), Number(s.Counts.Skipped), Number(s.Counts.Missed),
        ]));
        if (page.NextCursor is not null)
            output.WriteLine($"More: --cursor {page.NextCursor}");
    }

    public static void Details(TextWriter output, ScheduleDetails s)
    {
        TableView.Write(output,
        [
            ["Id", s.Id],
            ["Workflow", s.Workflow],
            ["When", When(s)],
            ["Overlap", s.Overlap],
            ["State", s.State],
            ["Params", Format.Json(s.Params)],
            ["Window", $"{(s.StartAt is null ? "-" : Format.Time(s.StartAt))} to {(s.EndAt is null ? "-" : Format.Time(s.EndAt))}"],
            ["Last instance", s.LastInstance is null ? "-" : $"{s.LastInstance.Id} ({s.LastInstance.Status})"],
            ["Buffered", s.PendingFireTime is null ? "-" : Format.Time(s.PendingFireTime)],
            ["Fired", Number(s.Counts.Fired)],
            ["Skipped", Number(s.Counts.Skipped)],
            ["Missed", Number(s.Counts.Missed)],
        ]);
        output.WriteLine();
        output.WriteLine(s.NextFireTimes.Count == 0 ? "No next fire times (paused or ended)." : "Next fire times:");
        foreach (var time in s.NextFireTimes)
            output.WriteLine($"  {Format.Time(time)}");
    }

    public static void Fired(TextWriter output, string id, ScheduleFired fired) =>
        output.WriteLine(fired.InstanceId is null
            ? $"Schedule {id}: {fired.Outcome} (slot {Format.Time(fired.ScheduledTime)})."
            : $"Schedule {id}: {fired.Outcome} as instance {fired.InstanceId} (slot {Format.Time(fired.ScheduledTime)}).");

    private static string When(ScheduleDetails s) =>
        s.Every is not null ? $"every {s.Every}" : $"cron {s.Cron}{(s.TimeZone is null ? "" : $" ({s.TimeZone})")}";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
