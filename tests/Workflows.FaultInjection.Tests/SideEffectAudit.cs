using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Workflows.Samples;

namespace Workflows.FaultInjection.Tests;

/// <summary>
/// Compares what each order's step bodies wrote to the ledger (<see cref="SideEffectLedger"/>) with what the engine
/// persisted (the instance as the Api shows it: each step's attempts, and the output naming the executions whose
/// outcomes were stored). The engine numbers an attempt from its persisted history, so two ledger rows with the same
/// attempt number mean the first execution's outcome was never persisted (the process died, or the database was
/// gone): that is the only legitimate re-execution, and the audit counts them. A row written after the execution whose
/// completion was persisted is a step that ran again after its completion was persisted: a violation.
/// </summary>
internal sealed class SideEffectAudit
{
    private static readonly string[] Steps = ["reserve", "charge", "ship"];

    private readonly List<string> violations = [];
    private readonly Dictionary<string, int> reExecutions = Steps.ToDictionary(s => s, _ => 0);
    private int executions;
    private int attempts;

    public IReadOnlyList<string> Violations => violations;

    public int ReExecutions => reExecutions.Values.Sum();

    public static async Task<SideEffectAudit> RunAsync(string connectionString, IReadOnlyList<Order> orders, IReadOnlyDictionary<string, JsonObject> instances)
    {
        var rows = await ReadLedgerAsync(connectionString);
        var audit = new SideEffectAudit();
        foreach (var order in orders)
            audit.Check(order, instances[order.Id], rows.TryGetValue(order.Id, out var own) ? own : []);
        return audit;
    }

    public string Report(int orders) => new StringBuilder()
        .AppendLine($"{orders} orders, {attempts} persisted step attempts, {executions} step executions in the ledger")
        .AppendLine($"re-executions of an attempt whose outcome was not persisted: {ReExecutions} " +
                    $"({string.Join(", ", reExecutions.Select(r => $"{r.Key} {r.Value}"))})")
        .AppendLine($"steps that ran again after their completion was persisted: {violations.Count(v => v.Contains("ran again", StringComparison.Ordinal))}")
        .ToString();

    private void Check(Order order, JsonObject instance, List<LedgerRow> rows)
    {
        var status = instance["status"]!.GetValue<string>();
        if (status != "complete")
        {
            violations.Add($"{order.Id}: {status}, not complete: {instance.ToJsonString()}");
            return;
        }
        var output = instance["output"]!.AsObject();
        var approvedBy = output["approvedBy"]?.GetValue<string>();
        if (approvedBy != (order.WaitForApproval ? order.Id : null))
            violations.Add($"{order.Id}: approvedBy {approvedBy ?? "null"}");

        executions += rows.Count;
        foreach (var step in Steps)
        {
            var own = rows.Where(r => r.Step == step).ToList();
            reExecutions[step] += own.Count - own.Select(r => r.Attempt).Distinct().Count();

            var persisted = Guid.Parse(output[step]!.GetValue<string>());
            var counted = own.SingleOrDefault(r => r.Execution == persisted);
            if (counted is null)
            {
                violations.Add($"{order.Id}/{step}: the persisted execution {persisted} is not in the ledger");
                continue;
            }
            foreach (var later in own.Where(r => r.Seq > counted.Seq))
                violations.Add($"{order.Id}/{step}: ran again (attempt {later.Attempt}) after its completion was persisted");

            var shown = instance["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == step)!;
            var shownAttempts = shown["attempts"]!.GetValue<int>();
            attempts += shownAttempts;
            if (shownAttempts != counted.Attempt)
                violations.Add($"{order.Id}/{step}: the Api shows {shownAttempts} attempts, the persisted execution was attempt {counted.Attempt}");
            if (step == "charge" && counted.Attempt <= order.ChargeFailures)
                violations.Add($"{order.Id}/charge: succeeded at attempt {counted.Attempt} though the first {order.ChargeFailures} fail");
        }
    }

    private static async Task<Dictionary<string, List<LedgerRow>>> ReadLedgerAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand($"SELECT seq, instance_id, step, attempt, execution FROM {SideEffectLedger.Table} ORDER BY seq", connection);
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new Dictionary<string, List<LedgerRow>>();
        while (await reader.ReadAsync())
        {
            var row = new LedgerRow(reader.GetInt64(0), reader.GetString(2), reader.GetInt32(3), reader.GetGuid(4));
            var instance = reader.GetString(1);
            if (!rows.TryGetValue(instance, out var list))
                rows[instance] = list = [];
            list.Add(row);
        }
        return rows;
    }

    private sealed record LedgerRow(long Seq, string Step, int Attempt, Guid Execution);
}
