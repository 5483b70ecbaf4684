using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workflows.Hosting;

/// <summary>
/// Collects the engine's parts in one process (returned by <see cref="WorkflowsHostingExtensions.AddWorkflows"/>). Each part adds
/// its services at once and its consumers through <see cref="ConfigureBus"/>; when the host is built, the infrastructure
/// (PostgreSQL or SQLite, RabbitMQ or the in-memory bus) is registered and MassTransit is configured once with every part's consumers.
/// </summary>
public sealed class WorkflowsBuilder
{
    private readonly HashSet<string> _parts = new(StringComparer.Ordinal);
    private readonly List<Action<IBusRegistrationConfigurator>> _bus = [];
    private readonly List<ReceiveEndpoint> _endpoints = [];
    private readonly List<Action<WorkflowsInfrastructure, IServiceCollection>> _infrastructure = [];

    internal WorkflowsBuilder(IHostApplicationBuilder host) => Host = host;

    public IHostApplicationBuilder Host { get; }

    public IServiceCollection Services => Host.Services;

    public IConfigurationManager Configuration => Host.Configuration;

    /// <summary>RabbitMQ and PostgreSQL unless <see cref="UseEmbeddedInfrastructure"/> was called.</summary>
    public WorkflowsInfrastructure Infrastructure { get; private set; } = WorkflowsInfrastructure.Distributed;

    /// <summary>Records a part by name; false when it was added before, so each part registers itself once however often it is asked for.</summary>
    public bool TryAddPart(string name) => _parts.Add(name);

    /// <summary>The in-memory bus and this SQLite database instead of RabbitMQ and PostgreSQL.</summary>
    public WorkflowsBuilder UseEmbeddedInfrastructure(string sqliteConnectionString)
    {
        Infrastructure = new WorkflowsInfrastructure(sqliteConnectionString);
        return this;
    }

    /// <summary>Adds consumers, sagas or request clients to the one bus of this process.</summary>
    public WorkflowsBuilder ConfigureBus(Action<IBusRegistrationConfigurator> configure)
    {
        _bus.Add(configure);
        return this;
    }

    /// <summary>
    /// A receive endpoint configured by hand (e.g. a second queue for a saga that <c>ConfigureEndpoints</c> already gives
    /// one), on either transport, with the process's message scheduler; configured after the registered ones.
    /// </summary>
    public WorkflowsBuilder AddReceiveEndpoint(string queueName, Action<IBusRegistrationContext, IReceiveEndpointConfigurator> configure)
    {
        _endpoints.Add(new ReceiveEndpoint(queueName, configure));
        return this;
    }

    /// <summary>Registers what depends on the infrastructure (storage, leases), once it is final: when the host is built.</summary>
    public WorkflowsBuilder ConfigureInfrastructure(Action<WorkflowsInfrastructure, IServiceCollection> configure)
    {
        _infrastructure.Add(configure);
        return this;
    }

    /// <summary>Registers the infrastructure, then the bus with every part's consumers. A missing setting throws <see cref="MissingSettingException"/>.</summary>
    internal void Apply(IServiceCollection services)
    {
        var infrastructure = Infrastructure;
        services.AddSingleton(infrastructure);
        RabbitMqAddress? rabbit = null;
        if (!infrastructure.Embedded)
        {
            // Only a process on RabbitMQ and PostgreSQL looks for the local infrastructure: the embedded engine never depends on it.
            if (Host.Environment.IsDevelopment())
                LocalInfrastructureFile.AddTo(Configuration);
            var postgres = PostgresSettings.Read(Configuration[PostgresSettings.Key]);
            rabbit = RabbitMqAddress.Parse(Configuration[RabbitMqAddress.Key]);
            services.AddPostgres(postgres);
            services.AddSingleton(rabbit);
        }
        foreach (var configure in _infrastructure)
            configure(infrastructure, services);
        services.AddValidatedOptions<BusOptions>(BusOptions.Section);
        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // MassTransit reports usage to its vendor from every process unless told not to; a part may turn it on again.
            x.DisableUsageTelemetry();
            x.AddReceiveObserver<ErrorQueueMetrics>();
            foreach (var configure in _bus)
                configure(x);
            if (rabbit is null)
                x.UsingEmbeddedBus(_endpoints);
            else
                x.UsingRabbitMq(rabbit, Host.Environment.ApplicationName, _endpoints);
        });
    }
}
