using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Workflows.Sdk.Analyzers.Determinism;

/// <summary>
/// Warns about code in a workflow body (RunAsync and what it calls, outside step callbacks) that a replay would not repeat
/// exactly: the clock, new Guids, random numbers, threads and delays, ConfigureAwait(false), I/O, and step names built from those.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeterminismAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DeterminismRules.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (WorkflowSymbols.From(start.Compilation) is not { } symbols)
                return;
            var apis = new NonDeterministicApis(start.Compilation);
            start.RegisterSymbolStartAction(typeStart =>
            {
                var type = (INamedTypeSymbol)typeStart.Symbol;
                if (!symbols.IsWorkflow(type))
                    return;
                var scan = new WorkflowBodyScan(symbols, apis, type);
                typeStart.RegisterCodeBlockAction(scan.Add);
                typeStart.RegisterSymbolEndAction(scan.Report);
            }, SymbolKind.NamedType);
        });
    }
}
