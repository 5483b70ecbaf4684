using MassTransit;
using Workflows.Contracts;

namespace Workflows.Api;

/// <summary>
/// The request clients the endpoints use; timeouts are given per request from <see cref="ApiOptions.RequestTimeout"/>.
/// Creates go through <see cref="SingleCreates"/>, which holds its own client.
/// </summary>
public static class RequestClientRegistration
{
    public static IBusRegistrationConfigurator AddOrchestratorClients(this IBusRegistrationConfigurator bus)
    {
        var workflowInstance = QueueNames.Address(QueueNames.WorkflowInstancePrompt);
        bus.AddRequestClient<PauseInstance>(workflowInstance);
        bus.AddRequestClient<ResumeInstance>(workflowInstance);
        bus.AddRequestClient<TerminateInstance>(workflowInstance);
        bus.AddRequestClient<RestartInstance>(workflowInstance);
        bus.AddRequestClient<SendEvent>(QueueNames.Address(QueueNames.SendEvent));
        bus.AddRequestClient<TriggerSchedule>(QueueNames.Address(QueueNames.Schedules));
        return bus;
    }
}
