using Workflows.Contracts;

namespace Workflows.Deploy.Tests;

/// <summary>Who owns each service's replica count in each kustomization: KEDA, an HPA, or the Deployment.</summary>
public sealed class KubernetesScalingTests
{
    private const string Keda = "k8s/overlays/keda";
    private const string Hpa = "k8s/overlays/hpa";

    public static TheoryData<string> Overlays => new([KubernetesManifests.Directory, Keda, Hpa, "k8s/dev"]);

    [Fact]
    public void The_default_scales_the_executor_with_keda_on_the_depth_of_its_two_execute_queues()
    {
        var objects = KubernetesManifests.Applied();
        var scaledObject = Assert.Single(objects, o => o.Kind() == "ScaledObject");
        var triggers = scaledObject.At("spec", "triggers").AsList();

        Assert.Equal("executor", scaledObject.Text("spec", "scaleTargetRef", "name"));
        Assert.Equal([QueueNames.ExecuteInstance, QueueNames.ExecuteInstancePrompt], triggers.Select(t => t.Text("metadata", "queueName")));
        Assert.All(triggers, trigger =>
        {
            Assert.Equal("rabbitmq", trigger.Text("type"));
            Assert.Equal("QueueLength", trigger.Text("metadata", "mode"));
        });
        Assert.DoesNotContain(objects, o => o.Kind() == "HorizontalPodAutoscaler" && o.Text("spec", "scaleTargetRef", "name") == "executor");
    }

    [Fact]
    public void Kedas_rabbitmq_credentials_come_from_a_key_of_the_secret_template()
    {
        var objects = KubernetesManifests.Applied(Keda);
        var triggers = Assert.Single(objects, o => o.Kind() == "ScaledObject").At("spec", "triggers").AsList();
        var trigger = Assert.Single(triggers.DistinctBy(t => t.Text("authenticationRef", "name")));
        var authentication = Assert.Single(objects, o => o.Kind() == "TriggerAuthentication" && o.Name() == trigger.Text("authenticationRef", "name"));
        var template = Yaml.Load(RepositoryFiles.Read("k8s/secret.template.yaml"));

        var reference = Assert.Single(authentication.At("spec", "secretTargetRef").AsList());
        Assert.Equal("host", reference.Text("parameter"));
        Assert.Equal(template.Name(), reference.Text("name"));
        Assert.Contains(reference.Text("key") ?? "", template.At("stringData").AsMap().Keys);
    }

    [Fact]
    public void The_fallback_overlay_scales_the_executor_with_an_hpa_on_cpu_and_needs_no_keda()
    {
        var objects = KubernetesManifests.Applied(Hpa);
        var executor = Assert.Single(objects, o => o.Kind() == "HorizontalPodAutoscaler" && o.Text("spec", "scaleTargetRef", "name") == "executor");

        Assert.Equal("cpu", Assert.Single(executor.At("spec", "metrics").AsList()).Text("resource", "name"));
        Assert.DoesNotContain(objects, o => o.Text("apiVersion")?.Contains("keda.sh", StringComparison.Ordinal) == true);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_but_the_scheduler_has_one_autoscaler_and_its_deployment_sets_no_replica_count(string directory)
    {
        var objects = KubernetesManifests.Applied(directory);
        var targets = objects.Where(o => o.Kind() == "HorizontalPodAutoscaler").Select(o => o.Text("spec", "scaleTargetRef", "name"))
            .Concat(objects.Where(o => o.Kind() == "ScaledObject").Select(o => o.Text("spec", "scaleTargetRef", "name")))
            .ToList();

        Assert.Equal(["api", "events", "executor", "orchestrator", "webhooks"], targets.Order(StringComparer.Ordinal));
        // A replica count in the Deployment would be reset by every `kubectl apply`, fighting the autoscaler.
        Assert.All(targets, t => Assert.Null(KubernetesManifests.Deployment(t!, directory).At("spec", "replicas")));
        Assert.Equal("2", KubernetesManifests.Deployment("scheduler", directory).Text("spec", "replicas"));
    }

    [Theory]
    [InlineData(KubernetesManifests.Directory, "executor")]
    [InlineData(KubernetesManifests.Directory, "orchestrator")]
    [InlineData(KubernetesManifests.Directory, "scheduler")]
    [InlineData(Hpa, "executor")]
    [InlineData(Hpa, "orchestrator")]
    public void The_services_with_a_disruption_budget_never_run_fewer_than_two_replicas(string directory, string component)
    {
        var objects = KubernetesManifests.Applied(directory);
        Assert.Contains(objects, o => o.Kind() == "PodDisruptionBudget" && o.Text("spec", "selector", "matchLabels", "app.kubernetes.io/name") == component);

        var minimum = objects.SingleOrDefault(o => o.Kind() == "HorizontalPodAutoscaler" && o.Text("spec", "scaleTargetRef", "name") == component)?.Text("spec", "minReplicas")
            ?? objects.SingleOrDefault(o => o.Kind() == "ScaledObject" && o.Text("spec", "scaleTargetRef", "name") == component)?.Text("spec", "minReplicaCount")
            ?? KubernetesManifests.Deployment(component, directory).Text("spec", "replicas");

        Assert.Equal("2", minimum);
    }
}
