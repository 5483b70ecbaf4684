using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Workflows.Sdk.Analyzers.Determinism;

/// <summary>
/// One workflow class: collects what each of its methods (and local functions) does outside step callbacks and which of
/// them it calls, then reports only what <c>RunAsync</c> reaches: a helper called only inside a step may do anything.
/// </summary>
internal sealed class WorkflowBodyScan(WorkflowSymbols symbols, NonDeterministicApis apis, INamedTypeSymbol workflow)
{
    private readonly ConcurrentBag<(ISymbol Function, Diagnostic Diagnostic)> findings = [];
    private readonly ConcurrentBag<(ISymbol Caller, ISymbol Callee)> calls = [];
    private readonly ConcurrentBag<ISymbol> roots = [];

    public void Add(CodeBlockAnalysisContext block)
    {
        if (block.OwningSymbol is not IMethodSymbol method)
            return;
        if (method is { Name: WorkflowSymbols.RunMethodName, IsOverride: true })
            roots.Add(method);
        foreach (var child in block.CodeBlock.ChildNodes())
            Visit(child, method, block.SemanticModel, block.CancellationToken);
    }

    public void Report(SymbolAnalysisContext context)
    {
        var reachable = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ISymbol>(roots);
        var callees = calls.ToLookup(c => c.Caller, c => c.Callee, SymbolEqualityComparer.Default);
        while (pending.Count > 0)
        {
            var function = pending.Pop();
            if (!reachable.Add(function))
                continue;
            foreach (var callee in callees[function])
                pending.Push(callee);
        }
        foreach (var (function, diagnostic) in findings.OrderBy(f => f.Diagnostic.Location.SourceSpan.Start))
        {
            if (reachable.Contains(function))
                context.ReportDiagnostic(diagnostic);
        }
    }

    private void Visit(SyntaxNode node, ISymbol function, SemanticModel model, CancellationToken ct)
    {
        switch (node)
        {
            case AnonymousFunctionExpressionSyntax lambda when symbols.IsStepCallback(lambda, model):
                return;
            case LocalFunctionStatementSyntax local:
                if (model.GetDeclaredSymbol(local, ct) is { } localFunction)
                {
                    foreach (var child in local.ChildNodes())
                        Visit(child, localFunction, model, ct);
                }
                return;
            case InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation, ct).Symbol is IMethodSymbol method:
                if (symbols.StepKind(method) is not null && WorkflowSymbols.NameArgument(invocation) is { } name
                    && FirstNonDeterministic(name, model, ct) is { } culprit)
                {
                    Find(function, DeterminismRules.NonDeterministicStepName, name, culprit.ToString());
                    foreach (var argument in invocation.ArgumentList.Arguments.Where(a => a.Expression != name))
                        Visit(argument, function, model, ct);
                    return;
                }
                var callee = method.OriginalDefinition;
                if (callee.MethodKind == MethodKind.LocalFunction || SymbolEqualityComparer.Default.Equals(callee.ContainingType, workflow))
                    calls.Add((function, callee));
                if (NonDeterministicApis.IsConfigureAwaitFalse(method, invocation, model, ct))
                    Find(function, DeterminismRules.ConfigureAwaitFalse, invocation, "");
                else if (apis.Classify(method) is { } rule)
                    Find(function, rule, invocation, Display(invocation.Expression));
                break;
            case MemberAccessExpressionSyntax access when model.GetSymbolInfo(access, ct).Symbol is IPropertySymbol property && apis.Classify(property) is { } rule:
                Find(function, rule, access, access.ToString());
                return;
        }
        foreach (var child in node.ChildNodes())
            Visit(child, function, model, ct);
    }

    /// <summary>The first clock, Guid or random read inside a step name expression.</summary>
    private SyntaxNode? FirstNonDeterministic(ExpressionSyntax name, SemanticModel model, CancellationToken ct)
    {
        foreach (var node in name.DescendantNodesAndSelf())
        {
            var rule = model.GetSymbolInfo(node, ct).Symbol switch
            {
                IMethodSymbol method when node is InvocationExpressionSyntax => apis.Classify(method),
                IPropertySymbol property when node is MemberAccessExpressionSyntax => apis.Classify(property),
                _ => null,
            };
            if (rule == DeterminismRules.CurrentTime || rule == DeterminismRules.NewGuid || rule == DeterminismRules.Random)
                return node;
        }
        return null;
    }

    private void Find(ISymbol function, DiagnosticDescriptor rule, SyntaxNode where, string what) =>
        findings.Add((function, Diagnostic.Create(rule, where.GetLocation(), what)));

    private static string Display(ExpressionSyntax callee) => callee.ToString() + "()";
}
