using System.Text.Json;
using System.Xml.Linq;
using Workflows.Api.Diagrams;

namespace Workflows.Api.Tests;

/// <summary>The Mermaid and SVG renderings of a stored diagram, without a server.</summary>
public sealed class DiagramRendererTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const string Sleepy = """
        {"class":"Workflows.Samples.SleepyWorkflow","file":"SleepyWorkflow.cs","nodes":[
          {"kind":"Start","line":10,"endLine":10},
          {"kind":"StepDo","name":"before","nameKind":"constant","line":12,"endLine":12},
          {"kind":"StepSleep","name":"sleep","nameKind":"constant","line":13,"endLine":13},
          {"kind":"StepDo","name":"after","nameKind":"constant","line":14,"endLine":14},
          {"kind":"Return","label":"new { before, after }","line":15,"endLine":15},
          {"kind":"End","line":16,"endLine":16}]}
        """;

    private const string Nested = """
        {"class":"T","file":"T.cs","nodes":[
          {"kind":"Start","line":1,"endLine":1},
          {"kind":"Loop","label":"foreach (var s in \"a<b\")","line":2,"endLine":3,"children":[
            {"kind":"StepDo","name":"section-{s}","nameKind":"interpolated","line":3,"endLine":3}]},
          {"kind":"If","label":"x","line":4,"endLine":5,"branches":[{"label":"then","children":[
            {"kind":"Return","label":"1","line":5,"endLine":5}]}]},
          {"kind":"FunctionCall","name":"Render","line":6,"endLine":6,"children":[
            {"kind":"StepWaitForEvent","name":"ok","nameKind":"constant","line":9,"endLine":9},
            {"kind":"Return","line":10,"endLine":10}]},
          {"kind":"Return","label":"2","line":7,"endLine":7},
          {"kind":"End","line":8,"endLine":8}]}
        """;

    private const string Diamond = """
        {"class":"D","file":"D.cs","nodes":[
          {"kind":"Start","line":1,"endLine":1},
          {"kind":"StepDo","name":"a","nameKind":"constant","line":2,"endLine":2},
          {"kind":"StepDo","name":"b","nameKind":"constant","dependsOn":["a"],"line":3,"endLine":3},
          {"kind":"StepDo","name":"c","nameKind":"constant","dependsOn":["a"],"line":4,"endLine":4},
          {"kind":"StepDo","name":"d","nameKind":"constant","dependsOn":["b","c"],"line":5,"endLine":5},
          {"kind":"Return","label":"d","line":6,"endLine":6},
          {"kind":"End","line":7,"endLine":7}]}
        """;

    [Fact]
    public void A_dag_node_is_reached_from_the_nodes_it_depends_on_in_mermaid_and_names_them_in_the_svg()
    {
        var diamond = Parse(Diamond);

        var mermaid = MermaidRenderer.Render(diamond);
        var edges = mermaid.Split('\n').Where(l => l.Contains("-->", StringComparison.Ordinal)).Select(l => l.Trim());
        Assert.Equal(["n0 --> n1", "n1 --> n2", "n1 --> n3", "n2 --> n4", "n3 --> n4", "n4 --> n5", "n5 --> n6"], edges);
        var svg = XDocument.Parse(SvgRenderer.Render("diamond", diamond)).Root!;
        var captions = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("data-kind") == "StepDo").Select(g => g.Element(Svg + "text")!.Value);
        Assert.Equal(["step.Do a", "step.Do b ← a", "step.Do c ← a", "step.Do d ← b, c"], captions);
    }

    [Fact]
    public void Mermaid_draws_a_straight_workflow_as_a_chain_from_start_to_end()
    {
        var mermaid = MermaidRenderer.Render(Parse(Sleepy));

        Assert.Equal("""
            flowchart TD
                n0(["start"])
                n1["step.Do before"]
                n0 --> n1
                n2(["step.Sleep sleep"])
                n1 --> n2
                n3["step.Do after"]
                n2 --> n3
                n4[/"return new { before, after }"/]
                n3 --> n4
                n5(["end"])
                n4 --> n5

            """.Replace("\r\n", "\n", StringComparison.Ordinal), mermaid);
    }

    [Fact]
    public void Mermaid_nests_loops_and_calls_labels_branches_and_escapes_quotes()
    {
        var mermaid = MermaidRenderer.Render(Parse(Nested));

        Assert.Contains("subgraph n1[\"foreach (var s in #quot;a#lt;b#quot;)\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("n2[\"step.Do $#quot;section-{s}#quot;\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("n3 -->|\"then\"| n4", mermaid, StringComparison.Ordinal);
        // An if without else also goes straight on, to the call.
        Assert.Contains("n3 -->|\"else\"| n5", mermaid, StringComparison.Ordinal);
        // Both returns of the workflow reach the end; the helper's own return does not.
        Assert.Contains("n4 --> n9", mermaid, StringComparison.Ordinal);
        Assert.Contains("n8 --> n9", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("n7 --> n9", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_is_a_standalone_image_with_groups_around_their_children()
    {
        var svg = XDocument.Parse(SvgRenderer.Render("report", Parse(Nested))).Root!;

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.True(double.Parse(svg.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture) > 100);
        var loop = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-kind") == "Loop");
        var step = Assert.Single(loop.Descendants(Svg + "g"));
        Assert.Equal("StepDo", (string?)step.Attribute("data-kind"));
        Assert.Equal("3", (string?)step.Attribute("data-line"));
        Assert.Equal("step.Do $\"section-{s}\"", step.Element(Svg + "text")!.Value);
        Assert.Equal(6, svg.Descendants(Svg + "line").Count());
    }

    private static WorkflowDiagram Parse(string json) => JsonSerializer.Deserialize<WorkflowDiagram>(json, JsonSerializerOptions.Web)!;
}
