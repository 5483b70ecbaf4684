using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workflows.Sdk.Analyzers;

/// <summary>The Workflows.Sdk types the generator and the analyzer look for, resolved once per compilation.</summary>
internal sealed class WorkflowSymbols
{
    public const string StepInterfaceName = "Workflows.Sdk.IWorkflowStep";
    public const string GraphName = "Workflows.Sdk.WorkflowGraph";
    public const string EntrypointName = "Workflows.Sdk.WorkflowEntrypoint`1";
    public const string DiagramAttributeName = "Workflows.Sdk.WorkflowDiagramAttribute";
    public const string RunMethodName = "RunAsync";

    private WorkflowSymbols(INamedTypeSymbol step, INamedTypeSymbol? graph, INamedTypeSymbol entrypoint, INamedTypeSymbol? task)
    {
        Step = step;
        Graph = graph;
        Entrypoint = entrypoint;
        Task = task;
    }

    public INamedTypeSymbol Step { get; }

    /// <summary>The DAG builder (<c>step.Graph()</c>): each of its nodes is a durable step.</summary>
    public INamedTypeSymbol? Graph { get; }

    public INamedTypeSymbol Entrypoint { get; }

    public INamedTypeSymbol? Task { get; }

    /// <summary>Null when the compilation does not reference Workflows.Sdk: then there is nothing to do.</summary>
    public static WorkflowSymbols? From(Compilation compilation)
    {
        var step = compilation.GetTypeByMetadataName(StepInterfaceName);
        var entrypoint = compilation.GetTypeByMetadataName(EntrypointName);
        return step is null || entrypoint is null
            ? null
            : new WorkflowSymbols(step, compilation.GetTypeByMetadataName(GraphName), entrypoint,
                compilation.GetTypeByMetadataName("System.Threading.Tasks.Task"));
    }

    public bool IsWorkflow(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, Entrypoint))
                return true;
        }
        return false;
    }

    /// <summary>The diagram kind of a durable step call (<c>StepDo</c>, <c>StepSleep</c>...), or null for any other method.</summary>
    public string? StepKind(IMethodSymbol method)
    {
        var kind = method.Name switch
        {
            "Do" => "StepDo",
            "Sleep" => "StepSleep",
            "SleepUntil" => "StepSleepUntil",
            "WaitForEvent" => "StepWaitForEvent",
            // A WaitForEvent of type "approval" underneath.
            "WaitForApproval" => "StepWaitForEvent",
            "Invoke" => "StepInvoke",
            _ => null,
        };
        if (kind is null)
            return null;
        var type = method.ContainingType;
        if (kind == "StepDo" && SymbolEqualityComparer.Default.Equals(type, Graph))
            return kind;
        return SymbolEqualityComparer.Default.Equals(type, Step) || type.AllInterfaces.Contains(Step, SymbolEqualityComparer.Default) ? kind : null;
    }

    /// <summary>A lambda passed to a step call: its body runs once and is stored, so it is not part of the replayed body.</summary>
    public bool IsStepCallback(AnonymousFunctionExpressionSyntax lambda, SemanticModel model) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
        && model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method
        && StepKind(method) is not null;

    /// <summary><c>Task.WhenAll</c> and <c>Task.WhenAny</c>: the steps in their arguments run side by side.</summary>
    public bool IsJoin(IMethodSymbol method) =>
        method.Name is "WhenAll" or "WhenAny" && SymbolEqualityComparer.Default.Equals(method.ContainingType, Task);

    /// <summary>The step name argument of a step call: the one named <c>name</c>, else the first.</summary>
    public static ExpressionSyntax? NameArgument(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        foreach (var argument in arguments)
        {
            if (argument.NameColon?.Name.Identifier.ValueText == "name")
                return argument.Expression;
        }
        return arguments.Count > 0 && arguments[0].NameColon is null ? arguments[0].Expression : null;
    }
}
