using Workflows.Contracts;
using Workflows.Runtime;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.Api.Tests.OrchestratorDoubles;
using Workflows.Storage;
using Workflows.Hosting;
using Workflows.Testing;

namespace Workflows.Api.Tests;

/// <summary>
/// The real Api as its own process on an isolated PostgreSQL database and RabbitMQ vhost, with test doubles of the
/// Orchestrator and the Events service answering its requests on the same vhost.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string Key = "test-key-7f3a";
    public static readonly string[] Workflows = ["order-fulfilment", "billing", "paging"];

    private readonly IsolatedInfrastructure _infrastructure = new();
    private ServiceProcess? _api;
    private IHost? _doubles;

    /// <summary>An HTTP client that sends the API key.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The Api's OS process, for its memory figures (/proc/&lt;pid&gt;/status).</summary>
    public int ProcessId => _api!.ProcessId;

    /// <summary>An HTTP client without credentials.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public ReceivedMessages Received => _doubles!.Services.GetRequiredService<ReceivedMessages>();

    /// <summary>Whether the Orchestrator and Events doubles run; without them every request to them times out.</summary>
    protected virtual bool AnswerRequests => true;

    protected virtual IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await _infrastructure.InitializeAsync();

        var settings = new Dictionary<string, string?>(_infrastructure.Settings) { ["Api:Keys:0"] = "another-key", ["Api:Keys:1"] = Key };
        foreach (var (key, value) in ApiSettings) settings[key] = value;
        _api = ServiceProcess.Start("Workflows.Api", settings);
        // The Api applies the migrations before it answers.
        await _api.WaitUntilAliveAsync();

        _doubles = BuildDoubles();
        await _doubles.StartAsync();

        await using (var db = await CreateDbContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            db.WorkflowDefinitions.AddRange(Workflows.Select(w => new WorkflowDefinitionRow { Name = w, FirstSeenAt = now.AddDays(-1), LastSeenAt = now }));
            await db.SaveChangesAsync();
        }

        Anonymous = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public Task<WorkflowsDbContext> CreateDbContextAsync() =>
        _doubles!.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();

    /// <summary>Inserts an instance row as the Orchestrator would have left it.</summary>
    public async Task<WorkflowInstance> InsertInstanceAsync(string workflow, string state, Action<WorkflowInstance>? configure = null)
    {
        var id = $"i-{Guid.NewGuid():N}";
        var instance = new WorkflowInstance
        {
            CorrelationId = InstanceIds.Correlation(id),
            InstanceId = id,
            Workflow = workflow,
            CurrentState = state,
            Generation = 1,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        configure?.Invoke(instance);
        await using var db = await CreateDbContextAsync();
        db.Instances.Add(instance);
        await db.SaveChangesAsync();
        return instance;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        Anonymous?.Dispose();
        if (_doubles is not null)
        {
            await _doubles.StopAsync();
            _doubles.Dispose();
        }
        if (_api is not null) await _api.DisposeAsync();
        await _infrastructure.DisposeAsync();
    }

    private IHost BuildDoubles()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(_infrastructure.Settings);
        builder.AddWorkflows().ConfigureBus(x =>
        {
            if (!AnswerRequests) return;
            x.AddConsumer<CreateInstancesDouble>().Endpoint(e => e.Name = QueueNames.CreateInstances);
            x.AddConsumer<LifecycleCommandsDouble>().Endpoint(e => e.Name = QueueNames.WorkflowInstancePrompt);
            x.AddConsumer<EventsServiceDouble>().Endpoint(e => e.Name = QueueNames.SendEvent);
        });
        builder.Services.AddSingleton<ReceivedMessages>();
        builder.Services.AddDbContextFactory<WorkflowsDbContext>((sp, o) =>
            StorageExtensions.Configure(o, sp.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        return builder.Build();
    }
}
