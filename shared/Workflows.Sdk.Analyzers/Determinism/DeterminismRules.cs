using Microsoft.CodeAnalysis;

namespace Workflows.Sdk.Analyzers.Determinism;

/// <summary>The determinism warnings (docs/analyzers.md explains each one and its fix).</summary>
internal static class DeterminismRules
{
    private const string Category = "Workflows.Determinism";
    private const string Docs = "docs/analyzers.md";

    public static readonly DiagnosticDescriptor CurrentTime = Rule(
        "WF1001", "Workflow body reads the clock",
        "'{0}' reads the clock outside a step: a replay reads another time; read it inside step.Do so the value is stored");

    public static readonly DiagnosticDescriptor NewGuid = Rule(
        "WF1002", "Workflow body creates a Guid",
        "'{0}' creates a new Guid outside a step: a replay gets another one; create it inside step.Do so the value is stored");

    public static readonly DiagnosticDescriptor Random = Rule(
        "WF1003", "Workflow body uses Random",
        "'{0}' draws a random number outside a step: a replay draws another; draw it inside step.Do so the value is stored");

    public static readonly DiagnosticDescriptor ThreadingCall = Rule(
        "WF1004", "Workflow body starts work or waits outside the engine",
        "'{0}' runs outside the workflow's replay: use step.Do for work and step.Sleep for waiting");

    public static readonly DiagnosticDescriptor ConfigureAwaitFalse = Rule(
        "WF1005", "Workflow body uses ConfigureAwait(false)",
        "ConfigureAwait(false) leaves the workflow's synchronization context: the rest of the body may run on another thread, out of order with the engine; remove it");

    public static readonly DiagnosticDescriptor InputOutput = Rule(
        "WF1006", "Workflow body does I/O",
        "'{0}' does I/O outside a step: it runs again on every replay and may answer differently; do it inside step.Do");

    public static readonly DiagnosticDescriptor NonDeterministicStepName = Rule(
        "WF1007", "Step name is not deterministic",
        "The step name uses '{0}': a replay computes another name and cannot find the stored result; build step names from params, constants and loop counters");

    public static readonly System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> All =
        [CurrentTime, NewGuid, Random, ThreadingCall, ConfigureAwaitFalse, InputOutput, NonDeterministicStepName];

    private static DiagnosticDescriptor Rule(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: $"A workflow's RunAsync runs again from the top on every resume, so its code outside step callbacks must do the same each time. See {Docs}#{id.ToLowerInvariant()}.");
}
