using Workflows.Hosting;

namespace Workflows.Deploy.Tests;

/// <summary>What every pod of the engine may do: its security context, its network, and the migration Job that runs first.</summary>
public sealed class KubernetesPolicyTests
{
    private static readonly string[] Workloads = ["api", "orchestrator", "executor", "scheduler", "events", "webhooks", "migrate"];

    public static TheoryData<string> Kustomizations => new(KubernetesManifests.Kustomizations);

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_engine_container_runs_restricted_with_a_writable_tmp_only(string directory)
    {
        var pods = KubernetesManifests.Applied(directory)
            .Where(o => o.Kind() is "Deployment" or "Job" && Workloads.Contains(o.Name()))
            .ToList();

        Assert.Equal(Workloads.Order(StringComparer.Ordinal), pods.Select(p => p.Name()).Order(StringComparer.Ordinal));
        Assert.All(pods, pod =>
        {
            var spec = pod.PodSpec();
            Assert.Equal("true", spec.Text("securityContext", "runAsNonRoot"));
            Assert.Equal("RuntimeDefault", spec.Text("securityContext", "seccompProfile", "type"));
            var containers = spec.At("containers").AsList().Concat(spec.At("initContainers").AsList()).ToList();
            Assert.All(containers, c =>
            {
                var name = $"{pod.Name()}/{c.Text("name")}";
                Assert.True(c.Text("securityContext", "allowPrivilegeEscalation") == "false", $"{name} may escalate privileges");
                Assert.True(c.Text("securityContext", "readOnlyRootFilesystem") == "true", $"{name} writes its root filesystem");
                Assert.True(c.At("securityContext", "capabilities", "drop").AsList().Contains("ALL"), $"{name} keeps capabilities");
                var mount = Assert.Single(c.At("volumeMounts").AsList());
                Assert.Equal("/tmp", mount.Text("mountPath"));
                Assert.NotNull(spec.At("volumes").AsList().Single(v => v.Text("name") == mount.Text("name")).At("emptyDir"));
                foreach (var kind in new[] { "requests", "limits" })
                    foreach (var resource in new[] { "cpu", "memory" })
                        Assert.False(string.IsNullOrEmpty(c.Text("resources", kind, resource)), $"{name} has no {kind}.{resource}");
            });
        });
    }

    [Fact]
    public void The_migration_job_runs_the_migrate_command_of_a_service_image_with_the_database_it_migrates()
    {
        var job = Assert.Single(KubernetesManifests.Applied(), o => o.Kind() == "Job");
        var container = Assert.Single(job.Containers());
        var orchestrator = Assert.Single(KubernetesManifests.Deployment("orchestrator").Containers());

        Assert.Equal([ServiceRunner.MigrateCommand], container.At("args").AsList());
        Assert.Equal(orchestrator.Text("image"), container.Text("image"));
        Assert.Equal("Never", job.PodSpec().Text("restartPolicy"));
        Assert.False(string.IsNullOrEmpty(job.Text("spec", "activeDeadlineSeconds")));
        Assert.Contains(container.At("env").AsList(), e => e.Text("name") == "ConnectionStrings__Postgres" && e.At("valueFrom", "secretKeyRef") is not null);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Network_policies_deny_by_default_and_let_each_pod_only_reach_what_the_architecture_shows(string directory)
    {
        var policies = KubernetesManifests.Applied(directory).Where(o => o.Kind() == "NetworkPolicy").ToList();

        Assert.Contains(policies, p => p.At("spec", "podSelector").AsMap().Count == 0
            && p.At("spec", "policyTypes").AsList().Order().SequenceEqual(["Egress", "Ingress"])
            && p.At("spec", "ingress") is null && p.At("spec", "egress") is null);
        foreach (var workload in Workloads)
        {
            var ingress = AllowedPorts(policies, workload, "Ingress", "ingress");
            var egress = AllowedPorts(policies, workload, "Egress", "egress");

            Assert.Equal(workload is "api" or "webhooks" ? ["8080"] : [], ingress);
            // DNS, PostgreSQL, RabbitMQ, and OTLP (gRPC, HTTP) to the collector: nothing else, no service to another.
            Assert.Equal(["4317", "4318", "53", "5432", "5672"], egress);
        }
    }

    /// <summary>The ports some policy selecting this workload's pods lets through in one direction (a rule without ports would show as "any").</summary>
    private static List<string> AllowedPorts(List<object> policies, string workload, string type, string direction) => policies
        .Where(p => p.At("spec", "policyTypes").AsList().Contains(type) && Selects(p.At("spec", "podSelector"), workload))
        .SelectMany(p => p.At("spec", direction).AsList())
        .SelectMany(rule => rule.At("ports") is null ? ["any"] : rule.At("ports").AsList().Select(port => port.Text("port") ?? "any"))
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Whether a pod selector selects the pods labelled <c>app.kubernetes.io/name: {workload}</c> (the labels every pod here has).</summary>
    private static bool Selects(object? selector, string workload)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = workload, ["app.kubernetes.io/part-of"] = "workflows" };
        var matchLabels = selector.At("matchLabels").AsMap().All(l => labels.GetValueOrDefault(l.Key) == l.Value as string);
        var matchExpressions = selector.At("matchExpressions").AsList().All(e =>
        {
            var has = labels.TryGetValue(e.Text("key") ?? "", out var value);
            var values = e.At("values").AsList().OfType<string>().ToList();
            return e.Text("operator") switch
            {
                "In" => has && values.Contains(value!),
                "NotIn" => !has || !values.Contains(value!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => throw new Xunit.Sdk.XunitException($"unknown selector operator {e.Text("operator")}"),
            };
        });
        return matchLabels && matchExpressions;
    }
}
