using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>The diagram of a sample's code, as its Executor recorded it, served by the Api in each format.</summary>
public abstract class DiagramTests<TStack>(TStack stack)
    where TStack : WorkflowStack
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_diagram_of_a_workflow_is_served_as_json_with_its_steps_and_branches()
    {
        using var response = await stack.Api.GetAsync("api/workflows/order/diagram");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var diagram = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("order", diagram["workflow"]!.GetValue<string>());
        Assert.Equal("Workflows.Samples.OrderWorkflow", diagram["class"]!.GetValue<string>());
        var nodes = diagram["nodes"]!.AsArray();
        Assert.Equal(["Start", "StepDo", "StepSleep", "If", "StepDo", "StepDo", "Return", "End"], nodes.Select(n => n!["kind"]!.GetValue<string>()));
        var branch = nodes[3]!["branches"]![0]!;
        Assert.Equal("approval", branch["children"]![0]!["name"]!.GetValue<string>());
        Assert.True(nodes[1]!["line"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task The_diagram_is_served_as_a_mermaid_flowchart()
    {
        using var response = await stack.Api.GetAsync("api/workflows/fanout/diagram?format=mermaid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("flowchart TD\n", text, StringComparison.Ordinal);
        Assert.Contains("subgraph", text, StringComparison.Ordinal);
        Assert.Contains("step.Do item", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diagram_is_served_as_an_svg_image_with_a_group_per_node()
    {
        using var response = await stack.Api.GetAsync("api/workflows/approval/diagram?format=svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        var kinds = svg.Descendants(Svg + "g").Select(g => (string?)g.Attribute("data-kind")).ToList();
        Assert.Equal(["Start", "Try", "StepWaitForEvent", "Return", "Return", "End"], kinds);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "step.WaitForEvent approval");
    }

    [Fact]
    public async Task An_unknown_workflow_is_404_and_an_unknown_format_is_400_as_problem_json()
    {
        using var unknown = await stack.Api.GetAsync("api/workflows/no-such-workflow/diagram");
        using var format = await stack.Api.GetAsync("api/workflows/order/diagram?format=png");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Equal("application/problem+json", format.Content.Headers.ContentType?.MediaType);
    }
}
