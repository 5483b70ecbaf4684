namespace Workflows.Sdk.Tests;

/// <summary>Finding a workflow's generated diagram at run time.</summary>
public sealed class WorkflowDiagramAttributeTests
{
    [Fact]
    public void A_workflow_built_without_the_generator_has_no_diagram() =>
        Assert.Null(WorkflowDiagramAttribute.Find(typeof(OrderWorkflow)));

    [Fact]
    public void Find_needs_a_type() =>
        Assert.Throws<ArgumentNullException>(() => WorkflowDiagramAttribute.Find(null!));
}
