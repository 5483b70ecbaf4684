using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Workflows.Api.Diagrams;

namespace Workflows.Dashboard.Rendering;

/// <summary>A diagram as nested HTML lists; loops, branches, parallel groups, try blocks and helper calls fold with <c>&lt;details&gt;</c>; with an instance, each step shows its state.</summary>
internal static class DiagramHtml
{
    public static IHtmlContent Render(WorkflowDiagram diagram, InstanceStateMap? states)
    {
        var html = new HtmlContentBuilder();
        html.AppendHtml("<ol class=\"diagram\">");
        foreach (var node in diagram.Nodes)
            Node(html, node, states);
        html.AppendHtml("</ol>");
        return html;
    }

    private static void Node(HtmlContentBuilder html, DiagramNode node, InstanceStateMap? states)
    {
        var hasChildren = node.Children is { Count: > 0 } || node.Branches is { Count: > 0 };
        if (!hasChildren)
        {
            var state = states?.For(node);
            var isStep = node.Name is not null && node.Kind.StartsWith("Step", StringComparison.Ordinal);
            html.AppendHtml($"<li class=\"node kind-{node.Kind}{(state is null || !isStep ? "" : " state-" + state.State)}\"");
            if (isStep)
                html.AppendHtml($" data-step=\"{Encode(node.Name!)}\"{(state is null ? "" : $" data-state=\"{state.State}\"")}");
            html.AppendHtml($" title=\"line {node.Line}\"><span class=\"caption\">").Append(node.Caption).AppendHtml("</span>");
            if (isStep && state is not null)
                html.AppendHtml("<span class=\"badge\">").Append(state.Text).AppendHtml("</span>");
            html.AppendHtml("</li>");
            return;
        }

        var summary = node.Caption;
        if (node.Kind == DiagramKinds.Loop && states is not null)
            summary += $" · {states.IterationsOf(node)} iteration(s)";
        html.AppendHtml($"<li class=\"node group kind-{node.Kind}\" title=\"lines {node.Line}–{node.EndLine}\"><details open data-key=\"{node.Kind}-{node.Line}\"><summary>")
            .Append(summary).AppendHtml("</summary>");
        if (node.Children is { Count: > 0 } children)
        {
            html.AppendHtml("<ol>");
            foreach (var child in children)
                Node(html, child, states);
            html.AppendHtml("</ol>");
        }
        foreach (var branch in node.Branches ?? [])
        {
            html.AppendHtml("<div class=\"branch\"><span class=\"branch-label\">").Append(branch.Label).AppendHtml("</span><ol>");
            foreach (var child in branch.Children)
                Node(html, child, states);
            html.AppendHtml("</ol></div>");
        }
        html.AppendHtml("</details></li>");
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
