using Microsoft.Extensions.DependencyInjection;
using Workflows.Testing;

namespace Workflows.Client.Tests;

/// <summary>
/// The distributed stack with a second, named key (<c>Api:NamedKeys:ops-team</c>), and clients built the way a service
/// builds one: <c>AddWorkflowsClient</c> with the standard resilience handler.
/// </summary>
public sealed class ClientStack : DistributedStack
{
    public const string OpsTeam = "ops-team";

    public string OpsKey { get; } = $"ops-key-{Guid.NewGuid():N}";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { [$"Api:NamedKeys:{OpsTeam}"] = OpsKey };

    private readonly List<ServiceProvider> providers = [];

    /// <summary>A client on this stack's Api with <paramref name="apiKey"/> (default: the stack's unnamed key, <c>key-1</c>).</summary>
    public IWorkflowsClient Client(string? apiKey = null)
    {
        var services = new ServiceCollection();
        services.AddWorkflowsClient(o =>
        {
            o.BaseAddress = Api.BaseAddress;
            o.ApiKey = apiKey ?? ApiKey;
            o.Timeout = TimeSpan.FromSeconds(60);
        });
        var provider = services.BuildServiceProvider();
        lock (providers)
            providers.Add(provider);
        return provider.GetRequiredService<IWorkflowsClient>();
    }

    public override async Task DisposeAsync()
    {
        foreach (var provider in providers)
            await provider.DisposeAsync();
        await base.DisposeAsync();
    }
}
