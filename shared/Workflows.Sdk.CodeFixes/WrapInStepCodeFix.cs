using System.Collections.Immutable;
using System.Composition;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Workflows.Sdk.CodeFixes;

/// <summary>
/// WF1001 and WF1002: turns <c>DateTime.UtcNow</c> or <c>Guid.NewGuid()</c> in a workflow body into
/// <c>await step.Do("now", _ => Task.FromResult(DateTime.UtcNow))</c>, so the value is stored and every replay reads the same.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapInStepCodeFix)), Shared]
public sealed class WrapInStepCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ["WF1001", "WF1002"];

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;
        var diagnostic = context.Diagnostics[0];
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value
            || FindStepParameter(value, model, context.CancellationToken) is not { } step)
            return;
        var name = StepName(value, diagnostic.Id);
        context.RegisterCodeFix(
            CodeAction.Create($"Read it in step.Do(\"{name}\")", ct => WrapAsync(context.Document, root, value, step, name), nameof(WrapInStepCodeFix)),
            diagnostic);
    }

    private static Task<Document> WrapAsync(Document document, SyntaxNode root, ExpressionSyntax value, string step, string name)
    {
        // await step.Do("name", _ => Task.FromResult(value))
        var callback = SimpleLambdaExpression(Parameter(Identifier("_")),
            InvocationExpression(ParseExpression("global::System.Threading.Tasks.Task.FromResult").WithAdditionalAnnotations(Simplifier.Annotation))
                .AddArgumentListArguments(Argument(value.WithoutTrivia())));
        var stepCall = InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(step), IdentifierName("Do")))
            .AddArgumentListArguments(Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(name))), Argument(callback));
        var replacement = ParenthesizedExpression(AwaitExpression(stepCall))
            .WithTriviaFrom(value)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(value, replacement)));
    }

    /// <summary>The IWorkflowStep parameter of the enclosing async method, when the value is not inside a lambda of its own.</summary>
    private static string? FindStepParameter(SyntaxNode value, SemanticModel model, CancellationToken ct)
    {
        foreach (var ancestor in value.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax:
                    return null;
                case LocalFunctionStatementSyntax or MethodDeclarationSyntax:
                    var parameters = ancestor is MethodDeclarationSyntax method ? method.ParameterList : ((LocalFunctionStatementSyntax)ancestor).ParameterList;
                    var modifiers = ancestor is MethodDeclarationSyntax m ? m.Modifiers : ((LocalFunctionStatementSyntax)ancestor).Modifiers;
                    if (!modifiers.Any(SyntaxKind.AsyncKeyword))
                        return null;
                    return parameters.Parameters
                        .FirstOrDefault(p => model.GetDeclaredSymbol(p, ct)?.Type.ToDisplayString() == "Workflows.Sdk.IWorkflowStep")
                        ?.Identifier.ValueText;
            }
        }
        return null;
    }

    /// <summary>The variable's name in kebab-case (<c>createdAt</c> → <c>created-at</c>), else what the value is.</summary>
    private static string StepName(ExpressionSyntax value, string id)
    {
        if (value.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable })
        {
            var sb = new StringBuilder();
            foreach (var c in variable.Identifier.ValueText)
            {
                if (char.IsUpper(c) && sb.Length > 0)
                    sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }
        return id == "WF1001" ? "now" : "new-guid";
    }
}
