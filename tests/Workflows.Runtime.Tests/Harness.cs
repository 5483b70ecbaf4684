using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

/// <summary>A runner over an in-memory store and a fake clock, running <see cref="ScriptedWorkflow"/>.</summary>
public sealed class Harness : IDisposable
{
    private readonly ServiceProvider provider;

    public Harness(
        Func<WorkflowEvent<JsonElement>, IWorkflowStep, CancellationToken, Task<object?>>? body = null,
        Action<WorkflowRuntimeOptions>? configure = null,
        ILoggerProvider? logs = null)
    {
        if (body is not null)
            Script.Body = body;
        var services = new ServiceCollection();
        services.AddSingleton(Script);
        services.AddLogging(b =>
        {
            if (logs is not null)
                b.AddProvider(logs);
        });
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IHistoryStore>(Store);
        services.AddSingleton<IChildWorkflowStarter>(Children);
        services.AddWorkflowRuntime(options =>
            {
                options.InlineRetryThreshold = TimeSpan.Zero;
                configure?.Invoke(options);
            })
            .AddWorkflow<ScriptedWorkflow>();
        provider = services.BuildServiceProvider();
        Instance = new InstanceDescriptor("instance-1", "scripted", 1, "{}", Time.GetUtcNow());
    }

    public static DateTimeOffset Start { get; } = new(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryHistoryStore Store { get; } = new();

    public Script Script { get; } = new();

    public RecordingChildStarter Children { get; } = new();

    public InstanceDescriptor Instance { get; set; }

    public WorkflowRunner Runner => provider.GetRequiredService<WorkflowRunner>();

    /// <summary>A logger as the workflow's code would get one from DI.</summary>
    public ILogger Logger(string category) => provider.GetRequiredService<ILoggerFactory>().CreateLogger(category);

    public Task<RunOutcome> RunAsync(CancellationToken pause = default, CancellationToken terminate = default) =>
        Runner.RunAsync(Instance, pause, terminate);

    public async Task<StepRecord> StepAsync(string name, int occurrence = 1) =>
        (await Store.LoadStepsAsync(Instance.InstanceId, Instance.Generation)).Single(s => s.Key == StepKey.Format(name, occurrence));

    public async Task<StepRecord?> FindStepAsync(string name, int occurrence = 1) =>
        (await Store.LoadStepsAsync(Instance.InstanceId, Instance.Generation)).SingleOrDefault(s => s.Key == StepKey.Format(name, occurrence));

    public Task SendAsync(string type, object? payload, string? id = null) =>
        Store.AppendEventAsync(new InboxEvent(Instance.InstanceId, id ?? Guid.NewGuid().ToString("N"), type, WorkflowJson.Serialize(payload), Time.GetUtcNow()));

    public void Dispose() => provider.Dispose();
}
