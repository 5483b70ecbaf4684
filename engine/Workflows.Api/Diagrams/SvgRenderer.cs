using System.Globalization;
using System.Xml.Linq;

namespace Workflows.Api.Diagrams;

/// <summary>
/// A diagram as a standalone SVG, laid out on the server: nodes stacked top to bottom with arrows between them; loops and
/// function calls as framed groups, parallel joins and branches as columns side by side. Every node is a
/// <c>&lt;g data-kind data-line&gt;</c>, so a page can find it again.
/// </summary>
internal static class SvgRenderer
{
    private const double NodeHeight = 34, Gap = 18, Pad = 12, Header = 22, BranchLabel = 18, CharWidth = 7.2;
    private const int MaxCaption = 56;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Render(string workflow, WorkflowDiagram diagram)
    {
        var body = Layout.Column(diagram.Nodes.Select(Measure).ToList());
        var width = body.Width + 2 * Pad;
        var height = body.Height + 2 * Pad + Header;
        var root = new XElement(Svg + "svg",
            new XAttribute("width", Number(width)), new XAttribute("height", Number(height)),
            new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"),
            new XAttribute("font-family", "ui-monospace, monospace"), new XAttribute("font-size", "12"),
            new XElement(Svg + "title", $"{workflow} ({diagram.Class})"),
            new XElement(Svg + "defs",
                new XElement(Svg + "marker", new XAttribute("id", "arrow"), new XAttribute("viewBox", "0 0 10 10"), new XAttribute("refX", "9"),
                    new XAttribute("refY", "5"), new XAttribute("markerWidth", "7"), new XAttribute("markerHeight", "7"), new XAttribute("orient", "auto"),
                    new XElement(Svg + "path", new XAttribute("d", "M0,0 L10,5 L0,10 z"), new XAttribute("fill", "#555")))),
            Text(Pad, Pad + 14, workflow, "bold"));
        body.Draw(root, Pad, Pad + Header);
        return new XDocument(root).ToString(SaveOptions.DisableFormatting);
    }

    private static Layout Measure(DiagramNode node) => node.Kind switch
    {
        DiagramKinds.Loop or DiagramKinds.FunctionCall => Layout.Group(node, [Layout.Column((node.Children ?? []).Select(Measure).ToList())]),
        DiagramKinds.Parallel => Layout.Group(node, (node.Children ?? []).Select(c => Layout.Column([Measure(c)])).ToList()),
        DiagramKinds.If or DiagramKinds.Switch or DiagramKinds.Try =>
            Layout.Group(node, (node.Branches ?? []).Select(b => Layout.Column(b.Children.Select(Measure).ToList(), b.Label)).ToList()),
        _ => Layout.Leaf(node),
    };

    private static XElement Text(double x, double y, string text, string? weight = null, string anchor = "start") =>
        new(Svg + "text", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("text-anchor", anchor),
            weight is null ? null : new XAttribute("font-weight", weight), Shorten(text));

    private static string Shorten(string text) => text.Length <= MaxCaption ? text : string.Concat(text.AsSpan(0, MaxCaption - 1), "…");

    private static double TextWidth(string text) => Math.Min(text.Length, MaxCaption) * CharWidth;

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Fill(string kind) => kind switch
    {
        DiagramKinds.StepDo => "#dbeafe",
        DiagramKinds.StepSleep or DiagramKinds.StepSleepUntil => "#fef3c7",
        DiagramKinds.StepWaitForEvent => "#ede9fe",
        DiagramKinds.StepInvoke => "#e0f2fe",
        DiagramKinds.Return or DiagramKinds.End or DiagramKinds.Start => "#dcfce7",
        DiagramKinds.Throw => "#fee2e2",
        _ => "#f3f4f6",
    };

    /// <summary>A measured box that draws itself at a given top-left corner.</summary>
    private sealed class Layout
    {
        private Action<XElement, double, double> draw = (_, _, _) => { };

        public double Width { get; private init; }

        public double Height { get; private init; }

        public void Draw(XElement svg, double x, double y) => draw(svg, x, y);

        public static Layout Leaf(DiagramNode node)
        {
            // The boxes stand in a column, so a DAG node's dependencies are written in its caption.
            var caption = node.DependsOn is { Count: > 0 } after ? $"{node.Caption} ← {string.Join(", ", after)}" : node.Caption;
            var width = Math.Max(110, TextWidth(caption) + 2 * Pad);
            var layout = new Layout { Width = width, Height = NodeHeight };
            layout.draw = (svg, x, y) => svg.Add(new XElement(Svg + "g", Data(node),
                new XElement(Svg + "rect", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("width", Number(width)),
                    new XAttribute("height", Number(NodeHeight)), new XAttribute("rx", node.Kind is DiagramKinds.Start or DiagramKinds.End ? "17" : "4"),
                    new XAttribute("fill", Fill(node.Kind)), new XAttribute("stroke", "#555")),
                Text(x + width / 2, y + NodeHeight / 2 + 4, caption, anchor: "middle")));
            return layout;
        }

        /// <summary>Boxes one under the other, centred, with an arrow between each two.</summary>
        public static Layout Column(List<Layout> items, string? label = null)
        {
            var top = label is null ? 0 : BranchLabel;
            var width = Math.Max(items.Count == 0 ? 60 : items.Max(i => i.Width), label is null ? 0 : TextWidth(label));
            var height = top + (items.Count == 0 ? NodeHeight / 2 : items.Sum(i => i.Height) + Gap * (items.Count - 1));
            var layout = new Layout { Width = width, Height = height };
            layout.draw = (svg, x, y) =>
            {
                if (label is not null)
                    svg.Add(Text(x + width / 2, y + 12, label, "bold", "middle"));
                var at = y + top;
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0)
                        svg.Add(Arrow(x + width / 2, at - Gap, at));
                    items[i].Draw(svg, x + (width - items[i].Width) / 2, at);
                    at += items[i].Height + Gap;
                }
            };
            return layout;
        }

        /// <summary>A dashed frame with the group's caption, holding columns side by side.</summary>
        public static Layout Group(DiagramNode node, List<Layout> columns)
        {
            var inner = columns.Sum(c => c.Width) + Gap * Math.Max(0, columns.Count - 1);
            var width = Math.Max(inner, TextWidth(node.Caption)) + 2 * Pad;
            var height = Header + (columns.Count == 0 ? 0 : columns.Max(c => c.Height)) + 2 * Pad;
            var layout = new Layout { Width = width, Height = height };
            layout.draw = (svg, x, y) =>
            {
                var group = new XElement(Svg + "g", Data(node),
                    new XElement(Svg + "rect", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("width", Number(width)),
                        new XAttribute("height", Number(height)), new XAttribute("rx", "6"), new XAttribute("fill", "none"),
                        new XAttribute("stroke", "#888"), new XAttribute("stroke-dasharray", "5 3")),
                    Text(x + Pad, y + 16, node.Caption, "bold"));
                var at = x + Pad + (width - 2 * Pad - inner) / 2;
                foreach (var column in columns)
                {
                    column.Draw(group, at, y + Header + Pad);
                    at += column.Width + Gap;
                }
                svg.Add(group);
            };
            return layout;
        }

        private static XAttribute[] Data(DiagramNode node) =>
            [new("data-kind", node.Kind), new("data-line", node.Line.ToString(CultureInfo.InvariantCulture)),
             new("data-end-line", node.EndLine.ToString(CultureInfo.InvariantCulture))];

        private static XElement Arrow(double x, double from, double to) =>
            new(Svg + "line", new XAttribute("x1", Number(x)), new XAttribute("y1", Number(from)), new XAttribute("x2", Number(x)),
                new XAttribute("y2", Number(to)), new XAttribute("stroke", "#555"), new XAttribute("marker-end", "url(#arrow)"));
    }
}
