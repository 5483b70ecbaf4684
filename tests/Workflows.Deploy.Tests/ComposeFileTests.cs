namespace Workflows.Deploy.Tests;

public sealed class ComposeFileTests
{
    public static TheoryData<string> Services => new(DeployableService.All.Select(s => s.Project));

    private static readonly string[] Infrastructure = ["postgres", "rabbitmq"];

    [Fact]
    public void The_deployable_services_are_every_service_project_but_the_dev_host()
    {
        var projects = DeployableService.All.Select(s => s.Project).ToList();

        Assert.Superset(
            new HashSet<string> { "Workflows.Api", "Workflows.Orchestrator", "Workflows.Executor", "Workflows.Scheduler", "Workflows.Events", "Workflows.Webhooks" },
            projects.ToHashSet());
        Assert.DoesNotContain("Workflows.DevHost", projects);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_deployable_service_has_a_compose_service_built_from_the_dockerfile(string project)
    {
        var service = Find(project);
        var compose = ComposeService.Named(service.Component);

        Assert.Equal(".", compose.Node.Text("build", "context"));
        Assert.Equal(Dockerfile.Path, compose.Node.Text("build", "dockerfile"));
        Assert.Equal(project, compose.Node.Text("build", "args", "SERVICE"));
        Assert.StartsWith($"workflows/{service.Component}:", compose.Node.Text("image"), StringComparison.Ordinal);
        Assert.True(RepositoryFiles.Exists(service.ProjectFile));
    }

    [Fact]
    public void Every_built_compose_service_is_a_deployable_service()
    {
        var built = ComposeService.All.Where(s => s.IsBuilt).Select(s => s.Name).Order(StringComparer.Ordinal);

        Assert.Equal(DeployableService.All.Select(s => s.Component).Order(StringComparer.Ordinal), built);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_setting_a_compose_service_sets_is_one_its_code_reads(string project)
    {
        var service = Find(project);
        var keys = new ConfigurationKeys(service);

        var unread = ComposeService.Named(service.Component).Environment.Keys.Where(k => !keys.IsRead(k)).ToList();

        Assert.True(unread.Count == 0, $"{project} reads none of: {string.Join(", ", unread)} (sections it reads: {string.Join(", ", keys.Sections)}).");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_compose_service_gets_the_settings_its_code_requires(string project)
    {
        var service = Find(project);
        var set = ComposeService.Named(service.Component).Environment.Keys;

        Assert.All(new ConfigurationKeys(service).Required, required => Assert.True(ConfigurationKeys.Gives(set, required), $"{service.Component} does not set {required}."));
        Assert.Equal($"workflows-{service.Component}", ComposeService.Named(service.Component).Environment["OTEL_SERVICE_NAME"]);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_starts_once_postgres_and_rabbitmq_are_healthy(string project)
    {
        var compose = ComposeService.Named(Find(project).Component);

        Assert.All(Infrastructure, name =>
        {
            Assert.Equal("service_healthy", compose.DependsOn.GetValueOrDefault(name));
            Assert.NotNull(ComposeService.Named(name).HealthCheck);
        });
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_health_check_asks_the_service_for_alive_or_health(string project)
    {
        var check = ComposeService.Named(Find(project).Component).HealthCheck;

        Assert.NotNull(check);
        Assert.Matches(@"^CMD /app/healthcheck\.sh /(alive|health)$", check);
    }

    [Fact]
    public void Only_the_api_and_the_uis_are_published_and_only_on_localhost()
    {
        var published = ComposeService.All.Where(s => s.Ports.Count > 0).Select(s => s.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["api", "jaeger", "rabbitmq", "webhooks"], published);
        Assert.All(ComposeService.All.SelectMany(s => s.Ports), port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
        Assert.Equal(["127.0.0.1:15672:15672"], ComposeService.Named("rabbitmq").Ports);
        Assert.Equal(["127.0.0.1:16686:16686"], ComposeService.Named("jaeger").Ports);
    }

    [Fact]
    public void The_api_is_published_from_the_port_the_image_exposes()
    {
        var port = Assert.Single(ComposeService.Named("api").Ports);

        Assert.EndsWith($":{Dockerfile.Load().ExposedPort}", port, StringComparison.Ordinal);
    }

    [Fact]
    public void No_compose_setting_holds_a_literal_secret()
    {
        var problems = new List<string>();
        foreach (var service in ComposeService.All)
        {
            foreach (var (name, value) in service.Environment)
            {
                if (SecretValues.IsSecretName(name) && !SecretValues.IsRequiredReference(value))
                    problems.Add($"{service.Name}: {name} should be ${{VARIABLE:?message}}");
                problems.AddRange(SecretValues.EmbeddedPasswords(value).Where(p => !SecretValues.IsRequiredReference(p))
                    .Select(_ => $"{service.Name}: {name} embeds a password that is not a ${{VARIABLE:?message}}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_env_example_names_the_variables_without_values()
    {
        var assignments = RepositoryFiles.Read(".env.example").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var required = System.Text.RegularExpressions.Regex.Matches(RepositoryFiles.Read(ComposeService.ComposePath), @"\$\{([A-Z0-9_]+):\?").Select(m => m.Groups[1].Value).ToHashSet();

        Assert.All(assignments, line => Assert.EndsWith("=", line, StringComparison.Ordinal));
        Assert.Equal(required.Order(StringComparer.Ordinal), assignments.Select(l => l.TrimEnd('=')).Order(StringComparer.Ordinal));
        Assert.Contains(".env", RepositoryFiles.Read(".gitignore").Split('\n'));
    }

    [Fact]
    public void Traces_go_to_the_collector_and_on_to_jaeger()
    {
        var endpoints = ComposeService.All.Where(s => s.IsBuilt).Select(s => new Uri(s.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"])).Distinct().ToList();
        var collector = ComposeService.Named(Assert.Single(endpoints).Host);
        var config = Yaml.Load(RepositoryFiles.Read("deploy/otel-collector.yaml"));

        Assert.Contains("./deploy/otel-collector.yaml:/etc/otelcol/config.yaml:ro", collector.Node.At("volumes").AsList());
        Assert.Equal($"0.0.0.0:{endpoints[0].Port}", config.Text("receivers", "otlp", "protocols", "grpc", "endpoint"));
        var exporter = Assert.Single(config.At("service", "pipelines", "traces", "exporters").AsList().OfType<string>());
        var jaeger = new Uri("http://" + config.Text("exporters", exporter, "endpoint"));
        Assert.NotNull(ComposeService.Named(jaeger.Host).Node);
    }

    private static DeployableService Find(string project) => DeployableService.All.Single(s => s.Project == project);
}
