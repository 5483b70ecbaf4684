using System.Net;
using Workflows.Testing;

namespace Workflows.Hosting.Tests;

public sealed class ServiceProcessTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    public static TheoryData<string> Services => new()
    {
        "Workflows.Api", "Workflows.Orchestrator", "Workflows.Executor", "Workflows.Scheduler",
        "Workflows.Events", "Workflows.Webhooks", "Workflows.DevHost",
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Each_service_answers_alive_and_health_against_real_infrastructure(string service)
    {
        await using var process = ServiceProcess.Start(service, WithApiKey(infra.Settings));
        await process.WaitUntilAliveAsync();

        using var http = new HttpClient { BaseAddress = process.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/alive", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await WaitForHealthAsync(http, HttpStatusCode.OK));
    }

    [Fact]
    public async Task Health_is_503_while_postgres_is_unreachable_and_the_process_keeps_running()
    {
        var settings = new Dictionary<string, string?>(WithApiKey(infra.Settings))
        {
            // Nothing listens on this port: PostgreSQL is "down" for this process only.
            ["ConnectionStrings:Postgres"] = $"Host=127.0.0.1;Port={ServiceProcess.FreePort()};Database=x;Username=x;Password=x;Timeout=2",
        };
        await using var process = ServiceProcess.Start("Workflows.Api", settings);
        await process.WaitUntilAliveAsync();

        using var http = new HttpClient { BaseAddress = process.BaseAddress };
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await WaitForHealthAsync(http, HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/alive", UriKind.Relative))).StatusCode);
        Assert.False(process.HasExited);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_service_without_the_postgres_setting_exits_non_zero_with_one_line_naming_it(string service)
    {
        var settings = WithApiKey(new Dictionary<string, string?> { ["ConnectionStrings:RabbitMq"] = infra.RabbitMqUri });
        await using var process = ServiceProcess.Start(service, settings);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        var lines = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains("ConnectionStrings:Postgres is not set", line, StringComparison.Ordinal);
    }

    /// <summary>Every host with one bad value of a setting it reads: the key, the value, and words of the rule the line must name.</summary>
    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        { "Workflows.Api", "Api:RequestTimeout", "-1", "between" },
        { "Workflows.Orchestrator", "Orchestrator:RunDeadline", "abc", "time span" },
        { "Workflows.Executor", "Executor:ConcurrentRuns", "0", "between 1 and 4096" },
        { "Workflows.Scheduler", "Scheduler:ThreadCount", "0", "between 1 and 256" },
        { "Workflows.Events", "Workflows:MaxEventPayloadBytes", "0", "between 1 and" },
        { "Workflows.Webhooks", "ConnectionStrings:RabbitMq", "rabbit.local:5672", "amqp://" },
        { "Workflows.Webhooks", "Webhooks:Sources:github:Kind", "gitlab", "Must be one of github, stripe, standard" },
        { "Workflows.DevHost", "Orchestrator:ReconcileInterval", "2.00:00:00", "between" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_service_given_one_bad_setting_exits_with_code_2_and_one_line_naming_the_key_and_the_rule(
        string service, string key, string value, string rule)
    {
        var settings = WithApiKey(infra.Settings);
        settings[key] = value;
        await using var process = ServiceProcess.Start(service, settings);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, exitCode);
        Assert.Contains(key, line, StringComparison.Ordinal);
        Assert.Contains(rule, line, StringComparison.Ordinal);
    }

    // The Api refuses to start without a key; the other services ignore the setting.
    private static Dictionary<string, string?> WithApiKey(IReadOnlyDictionary<string, string?> settings) =>
        new(settings) { ["Api:Keys:0"] = "service-process-test-key" };

    private static async Task<HttpStatusCode> WaitForHealthAsync(HttpClient http, HttpStatusCode expected)
    {
        // The bus connects asynchronously after start; give health a few seconds to settle.
        var status = HttpStatusCode.InternalServerError;
        for (var i = 0; i < 100 && status != expected; i++)
        {
            status = (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode;
            if (status != expected) await Task.Delay(100);
        }
        return status;
    }
}
