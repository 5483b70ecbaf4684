using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workflows.Sdk.Analyzers.Diagrams;

/// <summary>
/// Walks a workflow's <c>RunAsync</c> (and the methods of its class it calls) into diagram nodes: steps, loops, branches,
/// parallel joins, function calls, returns and throws. Step callbacks are not entered: they run once and are stored.
/// </summary>
internal sealed class DiagramBuilder(Compilation compilation, WorkflowSymbols symbols, INamedTypeSymbol workflow, CancellationToken ct)
{
    private const int MaxLabelLength = 80;
    private const string StartedTogether = "started together";

    private readonly HashSet<IMethodSymbol> following = new(SymbolEqualityComparer.Default);
    private SemanticModel model = null!;

    // Step tasks kept in a local and awaited later (alone or in Task.WhenAll): drawn where they are joined.
    private HashSet<ILocalSymbol> joinedLocals = new(SymbolEqualityComparer.Default);
    private List<(ILocalSymbol Local, List<DiagramNode> Nodes)> deferred = [];

    /// <summary>The diagram of <paramref name="run"/> as JSON: <c>{ "class", "file", "nodes" }</c>.</summary>
    public string Build(MethodDeclarationSyntax run)
    {
        var tree = run.SyntaxTree;
        var nodes = new List<DiagramNode> { new("Start", LineOf(run.Identifier.Span, tree), LineOf(run.Identifier.Span, tree)) };
        var runSymbol = compilation.GetSemanticModel(tree).GetDeclaredSymbol(run, ct);
        if (runSymbol is not null)
            following.Add(runSymbol);
        nodes.AddRange(VisitFunction(run));
        var end = run.Body?.CloseBraceToken.Span ?? run.ExpressionBody?.Span ?? run.Span;
        nodes.Add(new DiagramNode("End", EndLineOf(end, tree), EndLineOf(end, tree)));

        var json = new JsonText();
        json.BeginObject();
        json.Property("class", workflow.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
        json.Property("file", Path.GetFileName(tree.FilePath));
        json.Name("nodes");
        DiagramNode.WriteAll(json, nodes);
        json.EndObject();
        return json.ToString();
    }

    private List<DiagramNode> VisitFunction(SyntaxNode function)
    {
        var (savedModel, savedJoined, savedDeferred) = (model, joinedLocals, deferred);
        model = compilation.GetSemanticModel(function.SyntaxTree);
        joinedLocals = FindJoinedLocals(function);
        deferred = [];
        var nodes = new List<DiagramNode>();
        var (body, expression) = function switch
        {
            MethodDeclarationSyntax m => (m.Body, m.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax l => (l.Body, l.ExpressionBody?.Expression),
            _ => (null, null),
        };
        if (body is not null)
        {
            VisitStatement(body, nodes);
        }
        else if (expression is not null)
        {
            Scan(expression, nodes);
            nodes.Add(new DiagramNode("Return", LineOf(expression.Span), EndLineOf(expression.Span)) { Label = Label(expression) });
        }
        // A step task never awaited where we could see it still runs: draw it at the end rather than lose it.
        foreach (var (_, leftover) in deferred)
            nodes.AddRange(leftover);
        (model, joinedLocals, deferred) = (savedModel, savedJoined, savedDeferred);
        return nodes;
    }

    private HashSet<ILocalSymbol> FindJoinedLocals(SyntaxNode function)
    {
        var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var node in function.DescendantNodes())
        {
            IEnumerable<ExpressionSyntax> joined = node switch
            {
                AwaitExpressionSyntax await => [await.Expression],
                InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation, ct).Symbol is IMethodSymbol m && symbols.IsJoin(m) =>
                    invocation.ArgumentList.Arguments.SelectMany(a => a.Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()),
                _ => [],
            };
            foreach (var expression in joined)
            {
                if (expression is IdentifierNameSyntax && model.GetSymbolInfo(expression, ct).Symbol is ILocalSymbol local)
                    locals.Add(local);
            }
        }
        return locals;
    }

    private void VisitStatement(StatementSyntax statement, List<DiagramNode> into)
    {
        ct.ThrowIfCancellationRequested();
        switch (statement)
        {
            case BlockSyntax block:
                foreach (var inner in block.Statements)
                    VisitStatement(inner, into);
                break;
            case IfStatementSyntax ifStatement:
                Scan(ifStatement.Condition, into);
                var branches = new List<DiagramBranch> { new("then", Visit(ifStatement.Statement)) };
                if (ifStatement.Else is not null)
                    branches.Add(new DiagramBranch("else", Visit(ifStatement.Else.Statement)));
                AddGroup(into, new DiagramNode("If", LineOf(statement.Span), EndLineOf(statement.Span)) { Label = Label(ifStatement.Condition), Branches = branches });
                break;
            case ForStatementSyntax forStatement:
                AddLoop(into, forStatement, forStatement.CloseParenToken, forStatement.Statement);
                break;
            case CommonForEachStatementSyntax forEach:
                Scan(forEach.Expression, into);
                AddLoop(into, forEach, forEach.CloseParenToken, forEach.Statement);
                break;
            case WhileStatementSyntax whileStatement:
                AddLoop(into, whileStatement, whileStatement.CloseParenToken, whileStatement.Statement);
                break;
            case DoStatementSyntax doStatement:
                AddGroup(into, new DiagramNode("Loop", LineOf(statement.Span), EndLineOf(statement.Span))
                {
                    Label = "do … while (" + Label(doStatement.Condition) + ")",
                    Children = Visit(doStatement.Statement),
                });
                break;
            case SwitchStatementSyntax switchStatement:
                Scan(switchStatement.Expression, into);
                var cases = switchStatement.Sections
                    .Select(section => new DiagramBranch(
                        Normalize(string.Join(" ", section.Labels.Select(l => l.ToString()))),
                        section.Statements.SelectMany(Visit).ToList()))
                    .ToList();
                AddGroup(into, new DiagramNode("Switch", LineOf(statement.Span), EndLineOf(statement.Span)) { Label = Label(switchStatement.Expression), Branches = cases });
                break;
            case TryStatementSyntax tryStatement:
                var ways = new List<DiagramBranch> { new("try", Visit(tryStatement.Block)) };
                foreach (var katch in tryStatement.Catches)
                {
                    var label = katch.Declaration is null ? "catch" : $"catch ({katch.Declaration.Type})";
                    if (katch.Filter is not null)
                        label += " when (" + Label(katch.Filter.FilterExpression) + ")";
                    ways.Add(new DiagramBranch(label, Visit(katch.Block)));
                }
                if (tryStatement.Finally is not null)
                    ways.Add(new DiagramBranch("finally", Visit(tryStatement.Finally.Block)));
                AddGroup(into, new DiagramNode("Try", LineOf(statement.Span), EndLineOf(statement.Span)) { Branches = ways });
                break;
            case ReturnStatementSyntax returnStatement:
                AddExit(into, "Return", statement, returnStatement.Expression);
                break;
            case ThrowStatementSyntax throwStatement:
                AddExit(into, "Throw", statement, throwStatement.Expression);
                break;
            case LocalFunctionStatementSyntax:
                // Drawn where it is called.
                break;
            case LocalDeclarationStatementSyntax declaration:
                foreach (var variable in declaration.Declaration.Variables)
                {
                    if (variable.Initializer is not null)
                        ScanAssigned(model.GetDeclaredSymbol(variable, ct) as ILocalSymbol, variable.Initializer.Value, into);
                }
                break;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }
                when model.GetSymbolInfo(assignment.Left, ct).Symbol is ILocalSymbol target:
                ScanAssigned(target, assignment.Right, into);
                break;
            case UsingStatementSyntax usingStatement:
                if (usingStatement.Declaration is not null)
                    Scan(usingStatement.Declaration, into);
                if (usingStatement.Expression is not null)
                    Scan(usingStatement.Expression, into);
                VisitStatement(usingStatement.Statement, into);
                break;
            case LockStatementSyntax lockStatement:
                VisitStatement(lockStatement.Statement, into);
                break;
            case CheckedStatementSyntax checkedStatement:
                VisitStatement(checkedStatement.Block, into);
                break;
            case LabeledStatementSyntax labeled:
                VisitStatement(labeled.Statement, into);
                break;
            default:
                Scan(statement, into);
                break;
        }
    }

    private List<DiagramNode> Visit(StatementSyntax statement)
    {
        var nodes = new List<DiagramNode>();
        VisitStatement(statement, nodes);
        return nodes;
    }

    private void AddLoop(List<DiagramNode> into, StatementSyntax loop, SyntaxToken headerEnd, StatementSyntax body)
    {
        var header = loop.SyntaxTree.GetText(ct).ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(loop.SpanStart, headerEnd.Span.End));
        AddGroup(into, new DiagramNode("Loop", LineOf(loop.Span), EndLineOf(loop.Span)) { Label = Shorten(Normalize(header)), Children = Visit(body) });
    }

    /// <summary>A return or throw; labelled with its value, unless the value is a step already drawn just before.</summary>
    private void AddExit(List<DiagramNode> into, string kind, StatementSyntax statement, ExpressionSyntax? value)
    {
        var before = into.Count;
        if (value is not null)
            Scan(value, into);
        into.Add(new DiagramNode(kind, LineOf(statement.Span), EndLineOf(statement.Span))
        {
            Label = value is null || into.Count > before ? null : Label(value),
        });
    }

    private static void AddGroup(List<DiagramNode> into, DiagramNode group)
    {
        if (!group.IsEmptyGroup)
            into.Add(group);
    }

    /// <summary>A value stored in a local: a step task awaited later is drawn where it is joined, anything else in place.</summary>
    private void ScanAssigned(ILocalSymbol? local, ExpressionSyntax value, List<DiagramNode> into)
    {
        if (local is not null && joinedLocals.Contains(local) && value is not AwaitExpressionSyntax)
        {
            var nodes = new List<DiagramNode>();
            Scan(value, nodes);
            if (nodes.Count > 0)
            {
                deferred.Add((local, nodes));
                return;
            }
        }
        Scan(value, into);
    }

    /// <summary>The steps, joins and calls inside an expression, in source order.</summary>
    private void Scan(SyntaxNode node, List<DiagramNode> into)
    {
        switch (node)
        {
            case InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation, ct).Symbol is IMethodSymbol method:
                if (symbols.StepKind(method) is { } kind)
                {
                    var step = StepNode(invocation, kind);
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Graph))
                        step.DependsOn = DependenciesOf(invocation);
                    into.Add(step);
                    return;
                }
                if (symbols.IsJoin(method))
                {
                    var parallel = new DiagramNode("Parallel", LineOf(invocation.Span), EndLineOf(invocation.Span))
                    {
                        Label = $"Task.{method.Name}",
                        Children = [],
                    };
                    foreach (var argument in invocation.ArgumentList.Arguments)
                        Scan(argument.Expression, parallel.Children);
                    AddGroup(into, parallel);
                    return;
                }
                if (FunctionOf(method) is { } function)
                {
                    foreach (var argument in invocation.ArgumentList.Arguments)
                        Scan(argument.Expression, into);
                    var callee = method.OriginalDefinition;
                    if (!following.Add(callee))
                        return;
                    var children = VisitFunction(function);
                    following.Remove(callee);
                    AddGroup(into, new DiagramNode("FunctionCall", LineOf(invocation.Span), EndLineOf(invocation.Span)) { Name = method.Name, Children = children });
                    return;
                }
                break;
            case IdentifierNameSyntax identifier
                when model.GetSymbolInfo(identifier, ct).Symbol is ILocalSymbol local && deferred.FindIndex(d => SymbolEqualityComparer.Default.Equals(d.Local, local)) is var index and >= 0:
                if (identifier.Parent is AwaitExpressionSyntax awaited && deferred.Count > 1)
                {
                    // Awaiting one of several step tasks already started: they all run side by side.
                    into.Add(new DiagramNode("Parallel", LineOf(awaited.Span), EndLineOf(awaited.Span))
                    {
                        Label = StartedTogether,
                        Children = deferred.SelectMany(d => d.Nodes).ToList(),
                    });
                    deferred.Clear();
                    return;
                }
                into.AddRange(deferred[index].Nodes);
                deferred.RemoveAt(index);
                return;
            case LocalFunctionStatementSyntax:
                return;
        }
        foreach (var child in node.ChildNodes())
            Scan(child, into);
    }

    /// <summary>The body of a method of the workflow class or of a local function, when it has one in source.</summary>
    private SyntaxNode? FunctionOf(IMethodSymbol method)
    {
        var original = method.OriginalDefinition;
        original = original.PartialImplementationPart ?? original;
        var own = original.MethodKind == MethodKind.LocalFunction
            || SymbolEqualityComparer.Default.Equals(original.ContainingType, workflow);
        if (!own)
            return null;
        foreach (var reference in original.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(ct);
            if (syntax is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null }
                or LocalFunctionStatementSyntax { Body: not null } or LocalFunctionStatementSyntax { ExpressionBody: not null })
                return syntax;
        }
        return null;
    }

    private DiagramNode StepNode(InvocationExpressionSyntax invocation, string kind)
    {
        var node = new DiagramNode(kind, LineOf(invocation.Span), EndLineOf(invocation.Span));
        var name = WorkflowSymbols.NameArgument(invocation);
        if (name is null)
            return node;
        if (model.GetConstantValue(name, ct) is { HasValue: true, Value: string constant })
        {
            node.Name = constant;
            node.NameKind = "constant";
        }
        else if (name is InterpolatedStringExpressionSyntax interpolated)
        {
            node.Name = string.Concat(interpolated.Contents.Select(c => c.ToString()));
            node.NameKind = "interpolated";
        }
        else
        {
            node.Name = Normalize(name.ToString());
            node.NameKind = "expression";
        }
        return node;
    }

    /// <summary>
    /// The names of the DAG nodes a <c>dag.Do</c> call depends on: each node argument traced back to the <c>dag.Do</c>
    /// that initialised its local. Null when one of them cannot be traced (the diagram then says nothing rather than too little).
    /// </summary>
    private List<string>? DependenciesOf(InvocationExpressionSyntax invocation)
    {
        var names = new List<string>();
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (model.GetTypeInfo(argument.Expression, ct).Type is not INamedTypeSymbol { Name: "WorkflowNode" } type
                || type.ContainingNamespace.ToDisplayString() != "Workflows.Sdk")
                continue;
            if (model.GetSymbolInfo(argument.Expression, ct).Symbol is not ILocalSymbol local
                || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(ct) is not VariableDeclaratorSyntax { Initializer.Value: InvocationExpressionSyntax initializer }
                || initializer.SyntaxTree != model.SyntaxTree
                || model.GetSymbolInfo(initializer, ct).Symbol is not IMethodSymbol node
                || !SymbolEqualityComparer.Default.Equals(node.ContainingType, symbols.Graph)
                || StepNode(initializer, "StepDo").Name is not { } name)
                return null;
            names.Add(name);
        }
        return names.Count == 0 ? null : names;
    }

    private static string Label(SyntaxNode expression) => Shorten(Normalize(expression.ToString()));

    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
                sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Shorten(string text) => text.Length <= MaxLabelLength ? text : text.Substring(0, MaxLabelLength - 1) + "…";

    private int LineOf(Microsoft.CodeAnalysis.Text.TextSpan span) => LineOf(span, model.SyntaxTree);

    private int EndLineOf(Microsoft.CodeAnalysis.Text.TextSpan span) => EndLineOf(span, model.SyntaxTree);

    private static int LineOf(Microsoft.CodeAnalysis.Text.TextSpan span, SyntaxTree tree) => tree.GetLineSpan(span).StartLinePosition.Line + 1;

    private static int EndLineOf(Microsoft.CodeAnalysis.Text.TextSpan span, SyntaxTree tree) => tree.GetLineSpan(span).EndLinePosition.Line + 1;
}
