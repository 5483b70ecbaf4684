using Npgsql;
using Workflows.Testing;

namespace Workflows.Webhooks.Tests;

/// <summary>
/// The distributed stack plus the Webhooks service, each its own process, with short leases (an Executor killed
/// mid-step is taken over within seconds) and the issue-triage sample pointed at <see cref="StubServers"/>. Sources:
/// <c>github</c> (two secrets, rotation) starting issue-triage, <c>stripe</c> feeding an <c>approval</c> wait,
/// <c>standard</c> starting echo with an id template, <c>templated</c> whose id template can resolve to nothing.
/// </summary>
public sealed class WebhooksStack : DistributedStack
{
    public const string WebhooksService = "Workflows.Webhooks";
    public const string OldGitHubSecret = "old-github-secret";
    public const string NewGitHubSecret = "new-github-secret";
    public const string StripeSecret = "whsec_stripe_test_secret";
    public const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const int MaxBodyBytes = 64 * 1024;

    private StubServers? _stubs;

    public StubServers Stubs => _stubs!;

    /// <summary>A client on the Webhooks service (no API key: deliveries are authenticated by their signatures).</summary>
    public HttpClient WebhookClient { get; private set; } = null!;

    protected override IReadOnlyList<string> ServiceNames => [.. Services, WebhooksService];

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Executor:LeaseDuration"] = "00:00:03",
        ["Orchestrator:RunDeadline"] = "00:00:05",
        ["Orchestrator:ReconcileInterval"] = "00:00:01",
        ["Webhooks:RequestTimeout"] = "00:00:05",
        ["Webhooks:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Logging:LogLevel:Workflows.Samples"] = "Information",

        ["IssueTriage:Model:Endpoint"] = new Uri(_stubs!.BaseAddress, "v1").ToString(),
        ["IssueTriage:Model:ApiKey"] = "stub-key",
        ["IssueTriage:Model:Name"] = "stub-model",
        ["IssueTriage:GitHub:ApiBaseUrl"] = _stubs.BaseAddress.ToString(),
        ["IssueTriage:GitHub:Token"] = "stub-token",

        ["Webhooks:Sources:github:Kind"] = "github",
        ["Webhooks:Sources:github:Secrets:0"] = OldGitHubSecret,
        ["Webhooks:Sources:github:Secrets:1"] = NewGitHubSecret,
        ["Webhooks:Sources:github:Routes:0:Match:0:Header"] = "X-GitHub-Event",
        ["Webhooks:Sources:github:Routes:0:Match:0:Equals"] = "issues",
        ["Webhooks:Sources:github:Routes:0:Match:1:Pointer"] = "/action",
        ["Webhooks:Sources:github:Routes:0:Match:1:Equals"] = "opened",
        ["Webhooks:Sources:github:Routes:0:Match:2:Pointer"] = "/issue/labels/*/name",
        ["Webhooks:Sources:github:Routes:0:Match:2:Equals"] = "help|bug",
        ["Webhooks:Sources:github:Routes:0:Start:Workflow"] = "issue-triage",

        ["Webhooks:Sources:stripe:Kind"] = "stripe",
        ["Webhooks:Sources:stripe:Secrets:0"] = StripeSecret,
        ["Webhooks:Sources:stripe:Routes:0:Match:0:Pointer"] = "/type",
        ["Webhooks:Sources:stripe:Routes:0:Match:0:Equals"] = "payment_intent.succeeded",
        ["Webhooks:Sources:stripe:Routes:0:Event:Type"] = "approval",
        ["Webhooks:Sources:stripe:Routes:0:Event:InstanceId"] = "{/data/object/metadata/instance_id}",

        ["Webhooks:Sources:standard:Kind"] = "standard",
        ["Webhooks:Sources:standard:Secrets:0"] = StandardSecret,
        ["Webhooks:Sources:standard:Routes:0:Start:Workflow"] = "echo",
        ["Webhooks:Sources:standard:Routes:0:Start:Id"] = "std-{header:webhook-id}",

        ["Webhooks:Sources:templated:Kind"] = "github",
        ["Webhooks:Sources:templated:Secrets:0"] = NewGitHubSecret,
        ["Webhooks:Sources:templated:Routes:0:Start:Workflow"] = "echo",
        ["Webhooks:Sources:templated:Routes:0:Start:Id"] = "order-{/order/id}",
    };

    public override async Task InitializeAsync()
    {
        _stubs = await StubServers.StartAsync();
        await base.InitializeAsync();
        Connect();
    }

    /// <summary>Points <see cref="WebhookClient"/> at the Webhooks process (again, after a restart on the same port).</summary>
    public void Connect()
    {
        WebhookClient?.Dispose();
        WebhookClient = new HttpClient { BaseAddress = ProcessOf(WebhooksService).BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A count straight from the engine's database.</summary>
    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override async Task DisposeAsync()
    {
        WebhookClient?.Dispose();
        await base.DisposeAsync();
        if (_stubs is not null)
            await _stubs.DisposeAsync();
    }
}
