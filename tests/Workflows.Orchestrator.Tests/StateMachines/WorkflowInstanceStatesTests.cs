using Microsoft.Extensions.Options;
using Workflows.Orchestrator.StateMachines;
using Workflows.Storage;

namespace Workflows.Orchestrator.Tests.StateMachines;

public sealed class WorkflowInstanceStatesTests
{
    [Fact]
    public void The_state_machine_declares_exactly_the_stored_state_names()
    {
        var machine = new WorkflowInstanceStateMachine(Options.Create(new OrchestratorOptions()), TimeProvider.System);

        // Initial and Final are MassTransit's own: an instance row is inserted Running and never finalized.
        var declared = machine.States.Select(s => s.Name).Except([machine.Initial.Name, machine.Final.Name]);

        Assert.Equal(InstanceStates.All.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }
}
