namespace Workflows.Deploy.Tests;

public sealed class KubernetesManifestTests
{
    private const string SecretTemplate = "k8s/secret.template.yaml";

    public static TheoryData<string> Services => new(DeployableService.All.Select(s => s.Project));

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_deployable_service_has_a_deployment_and_a_service_in_the_kustomization(string project)
    {
        var component = Find(project).Component;
        var deployment = KubernetesManifests.Deployment(component);

        // The kustomization pins the tag (`kustomize edit set image` changes it): the name is the service's.
        Assert.StartsWith($"workflows/{component}:", Assert.Single(deployment.Containers()).Text("image"), StringComparison.Ordinal);
        Assert.Contains(KubernetesManifests.Applied(), d => d.Kind() == "Service" && d.Name() == component);
    }

    [Fact]
    public void The_kustomization_puts_everything_in_the_workflows_namespace()
    {
        var kustomization = Yaml.Load(RepositoryFiles.Read("k8s/base/kustomization.yaml"));

        Assert.Equal("workflows", kustomization.Text("namespace"));
        Assert.Contains(KubernetesManifests.Applied(), d => d.Kind() == "Namespace" && d.Name() == "workflows");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_setting_a_deployment_sets_is_one_its_code_reads(string project)
    {
        var service = Find(project);
        var keys = new ConfigurationKeys(service);

        var unread = SettingNames(KubernetesManifests.Deployment(service.Component)).Where(k => !keys.IsRead(k)).ToList();

        Assert.True(unread.Count == 0, $"{project} reads none of: {string.Join(", ", unread)} (sections it reads: {string.Join(", ", keys.Sections)}).");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_deployment_gets_the_settings_its_code_requires(string project)
    {
        var service = Find(project);
        var deployment = KubernetesManifests.Deployment(service.Component);
        var set = SettingNames(deployment);

        Assert.All(new ConfigurationKeys(service).Required, required => Assert.True(ConfigurationKeys.Gives(set, required), $"{service.Component} does not set {required}."));
        Assert.Contains(Env(deployment), e => e.Text("name") == "OTEL_SERVICE_NAME" && e.Text("value") == $"workflows-{service.Component}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Liveness_asks_for_alive_and_readiness_for_health(string project)
    {
        var container = Assert.Single(KubernetesManifests.Deployment(Find(project).Component).Containers());

        Assert.Equal("/alive", container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("/health", container.Text("readinessProbe", "httpGet", "path"));
        if (container.At("startupProbe") is not null)
            Assert.Equal("/alive", container.Text("startupProbe", "httpGet", "path"));
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" }.Where(p => container.At(p) is not null))
            Assert.Equal(Dockerfile.Load().ExposedPort, ContainerPort(container, container.Text(probe, "httpGet", "port")));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Container_and_service_ports_are_the_port_the_image_exposes(string project)
    {
        var component = Find(project).Component;
        var container = Assert.Single(KubernetesManifests.Deployment(component).Containers());
        var service = KubernetesManifests.Applied().Single(d => d.Kind() == "Service" && d.Name() == component);
        var exposed = Dockerfile.Load().ExposedPort;

        Assert.Equal(exposed.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(container.At("ports").AsList()).Text("containerPort"));
        Assert.All(service.At("spec", "ports").AsList(), port => Assert.Equal(exposed, ContainerPort(container, port.Text("targetPort"))));
        Assert.Equal(component, service.Text("spec", "selector", "app.kubernetes.io/name"));
    }

    [Fact]
    public void Every_container_has_cpu_and_memory_requests_and_limits()
    {
        var workloads = KubernetesManifests.AllFiles().Where(f => f.Document.Kind() is "Deployment" or "StatefulSet").ToList();

        Assert.NotEmpty(workloads);
        Assert.All(workloads.SelectMany(w => w.Document.Containers().Select(c => (w.File, Container: c))), x =>
        {
            foreach (var kind in new[] { "requests", "limits" })
                foreach (var resource in new[] { "cpu", "memory" })
                    Assert.False(string.IsNullOrEmpty(x.Container.Text("resources", kind, resource)), $"{x.File}: {x.Container.Text("name")} has no {kind}.{resource}");
        });
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_runs_as_a_non_root_user_without_privilege_escalation(string project)
    {
        var deployment = KubernetesManifests.Deployment(Find(project).Component);
        var container = Assert.Single(deployment.Containers());

        Assert.Equal("true", deployment.Text("spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal("false", container.Text("securityContext", "allowPrivilegeEscalation"));
    }

    [Fact]
    public void Every_secret_a_deployment_uses_is_a_key_of_the_secret_template()
    {
        var template = Yaml.Load(RepositoryFiles.Read(SecretTemplate));
        var keys = template.At("stringData").AsMap().Keys.ToHashSet(StringComparer.Ordinal);

        var references = KubernetesManifests.Applied().Where(d => d.Kind() == "Deployment")
            .SelectMany(Env)
            .Select(e => e.At("valueFrom", "secretKeyRef"))
            .Where(r => r is not null)
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r =>
        {
            Assert.Equal(template.Name(), r.Text("name"));
            Assert.Contains(r.Text("key") ?? "", keys);
        });
    }

    [Fact]
    public void The_secret_template_is_not_applied_by_kustomize()
    {
        Assert.DoesNotContain(KubernetesManifests.Applied(), d => d.Kind() == "Secret");
        Assert.DoesNotContain(KubernetesManifests.Applied("k8s/dev"), d => d.Kind() == "Secret");
        Assert.Contains("kubectl -n workflows create secret generic workflows-secrets", RepositoryFiles.Read(SecretTemplate), StringComparison.Ordinal);
    }

    [Fact]
    public void No_manifest_holds_a_literal_secret()
    {
        var problems = new List<string>();
        foreach (var (file, document) in KubernetesManifests.AllFiles())
        {
            if (document.Kind() == "Secret")
            {
                foreach (var section in new[] { "stringData", "data" })
                    problems.AddRange(document.At(section).AsMap()
                        .Where(e => !SecretValues.IsPlaceholder(e.Value as string ?? ""))
                        .Select(e => $"{file}: {e.Key} is a value, not a <placeholder>"));
                continue;
            }

            var literals = document.Kind() == "ConfigMap"
                ? document.At("data").AsMap().Select(e => (Name: e.Key, Value: e.Value as string ?? ""))
                : Env(document).Where(e => e.At("value") is not null).Select(e => (Name: e.Text("name") ?? "", Value: e.Text("value") ?? ""));
            foreach (var (name, value) in literals)
            {
                if (SecretValues.IsSecretName(name))
                    problems.Add($"{file}: {name} is a literal; take it from a Secret (valueFrom.secretKeyRef)");
                if (SecretValues.EmbeddedPasswords(value).Any())
                    problems.Add($"{file}: {name} embeds a password");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<object?> Env(object? workload) => workload is null
        ? []
        : workload.At("spec", "template", "spec", "containers").AsList().SelectMany(c => c.At("env").AsList());

    /// <summary>The settings a Deployment gives its container: env names, and the keys of the ConfigMaps it reads whole.</summary>
    private static List<string> SettingNames(object deployment)
    {
        var names = Env(deployment).Select(e => e.Text("name") ?? "").ToList();
        var configMaps = deployment.Containers().SelectMany(c => c.At("envFrom").AsList()).Select(e => e.Text("configMapRef", "name")).OfType<string>();
        foreach (var configMap in configMaps)
        {
            var document = KubernetesManifests.Applied().SingleOrDefault(d => d.Kind() == "ConfigMap" && d.Name() == configMap)
                ?? throw new Xunit.Sdk.XunitException($"ConfigMap '{configMap}' is not applied by k8s/kustomization.yaml.");
            names.AddRange(document.At("data").AsMap().Keys);
        }
        Assert.DoesNotContain(deployment.Containers().SelectMany(c => c.At("envFrom").AsList()), e => e.At("secretRef") is not null);
        return names;
    }

    /// <summary>A probe's or Service's port, by number or by the container's port name.</summary>
    private static int ContainerPort(object? container, string? port) =>
        int.TryParse(port, out var number)
            ? number
            : int.Parse(container.At("ports").AsList().Single(p => p.Text("name") == port).Text("containerPort") ?? "", System.Globalization.CultureInfo.InvariantCulture);

    private static DeployableService Find(string project) => DeployableService.All.Single(s => s.Project == project);
}
