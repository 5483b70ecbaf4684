namespace Workflows.Deploy.Tests;

/// <summary>Every kustomization renders with <c>kubectl kustomize</c>, and every object it renders is valid against its schema.</summary>
public sealed class KubernetesSchemaTests
{
    public static TheoryData<string> Kustomizations => new(KubernetesManifests.Kustomizations);

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_object_a_kustomization_renders_is_valid_against_the_kubernetes_and_keda_schemas(string directory)
    {
        var rendered = KubernetesManifests.Render(directory);

        var report = ManifestSchemas.Validate(rendered);

        Assert.True(report.Invalid.Count == 0, string.Join(Environment.NewLine, report.Invalid));
        Assert.Equal(KubernetesManifests.Applied(directory).Count, report.Valid.Count);
    }

    [Fact]
    public void A_deployment_and_a_scaled_object_that_break_their_schemas_are_reported_invalid()
    {
        const string broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: executor}
            spec:
              replicas: two
              selector: {matchLabels: {app: executor}}
              template:
                metadata: {labels: {app: executor}}
                spec:
                  containers:
                    - image: workflows/executor
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: executor}
            spec:
              triggers:
                - type: rabbitmq
                  metadata: {queueName: 42}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api}
            spec:
              ports:
                - port: 8080
            """;

        var report = ManifestSchemas.Validate(broken);

        Assert.Equal(["Service/api"], report.Valid);
        var deployment = Assert.Single(report.Invalid, l => l.StartsWith("invalid Deployment/executor:", StringComparison.Ordinal));
        Assert.Contains("replicas must be integer", deployment, StringComparison.Ordinal);
        Assert.Contains("containers/0 must have required property name", deployment, StringComparison.Ordinal);
        var scaledObject = Assert.Single(report.Invalid, l => l.StartsWith("invalid ScaledObject/executor:", StringComparison.Ordinal));
        Assert.Contains("scaleTargetRef", scaledObject, StringComparison.Ordinal);
        Assert.Contains("queueName must be string", scaledObject, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_of_a_kind_without_a_schema_is_reported_invalid_not_skipped()
    {
        var report = ManifestSchemas.Validate("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n");

        Assert.Empty(report.Valid);
        Assert.Contains("no schema for apiVersion example.com/v1 kind Gadget", Assert.Single(report.Invalid), StringComparison.Ordinal);
    }
}
