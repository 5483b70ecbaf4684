using MassTransit;
using Workflows.Contracts;

namespace Workflows.Api;

/// <summary>The queues the Api's requests go to: the consumers' kebab-case endpoint names in the Orchestrator and Events services.</summary>
internal static class OrchestratorQueues
{
    /// <summary>The Orchestrator's CreateInstances consumer.</summary>
    public const string CreateInstances = "create-instances";

    /// <summary>The WorkflowInstance saga's endpoint: pause, resume, terminate and restart.</summary>
    public const string WorkflowInstance = "workflow-instance";

    /// <summary>The Events service's SendEvent consumer.</summary>
    public const string SendEvent = "send-event";

    /// <summary>Registers the request clients the endpoints use; timeouts are given per request from <see cref="ApiOptions.RequestTimeout"/>.</summary>
    public static IBusRegistrationConfigurator AddOrchestratorClients(this IBusRegistrationConfigurator bus)
    {
        var createInstances = new Uri($"queue:{CreateInstances}");
        var workflowInstance = new Uri($"queue:{WorkflowInstance}");
        bus.AddRequestClient<CreateInstances>(createInstances);
        bus.AddRequestClient<PauseInstance>(workflowInstance);
        bus.AddRequestClient<ResumeInstance>(workflowInstance);
        bus.AddRequestClient<TerminateInstance>(workflowInstance);
        bus.AddRequestClient<RestartInstance>(workflowInstance);
        bus.AddRequestClient<SendEvent>(new Uri($"queue:{SendEvent}"));
        return bus;
    }
}
