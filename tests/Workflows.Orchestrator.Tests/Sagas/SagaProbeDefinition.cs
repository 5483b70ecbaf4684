using MassTransit;
using Workflows.Orchestrator.Sagas;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Orchestrator.Tests.Sagas;

/// <summary>How a test host runs the probe endpoint.</summary>
public sealed record SagaProbeSettings(int ConcurrentMessageLimit, bool Partitioned, bool InsertOnInitial = false);

public sealed class SagaProbeDefinition : SagaDefinition<WorkflowInstance>
{
    private readonly SagaProbeSettings _settings;

    public SagaProbeDefinition(SagaProbeSettings settings)
    {
        _settings = settings;
        Endpoint(e => e.Name = "saga-probe");
        ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<WorkflowInstance> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = _settings.ConcurrentMessageLimit * 2;
        var partitions = endpointConfigurator.UseSagaConcurrency(sagaConfigurator, context);
        if (_settings.Partitioned)
            partitions
                .By<SagaProbeCreated>(m => InstanceIds.Correlation(m.InstanceId))
                .By<SagaProbeBumped>(m => InstanceIds.Correlation(m.InstanceId))
                .By<SagaProbeFinished>(m => InstanceIds.Correlation(m.InstanceId));
    }
}
