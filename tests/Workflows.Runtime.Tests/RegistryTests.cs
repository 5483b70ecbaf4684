using Microsoft.Extensions.DependencyInjection;
using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class RegistryTests
{
    [Fact]
    public void Workflows_are_found_by_name_with_their_params_type()
    {
        var services = new ServiceCollection();
        services.AddWorkflowRuntime().AddWorkflow<GreetingWorkflow>().AddWorkflow<ScriptedWorkflow>();
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<WorkflowRegistry>();

        Assert.Equal(typeof(Greeting), registry.Find("greeting")!.ParamsType);
        Assert.Equal(typeof(ScriptedWorkflow), registry.Find("scripted")!.WorkflowType);
        Assert.Null(registry.Find("Greeting"));
    }

    [Fact]
    public void Two_classes_with_the_same_name_are_rejected()
    {
        var services = new ServiceCollection();
        services.AddWorkflowRuntime().AddWorkflow<GreetingWorkflow>().AddWorkflow<OtherGreeting>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<WorkflowRegistry>());

        Assert.Contains("'greeting'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_names_longer_than_64_characters_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkflowRegistration.Create<LongNamedWorkflow>());

        Assert.Contains("limit is 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_that_is_not_a_workflow_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => WorkflowRegistration.Create<string>());
    }

    [Fact]
    public async Task Workflows_get_their_dependencies_through_the_constructor()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new Greeter("Hello"));
        services.AddWorkflowRuntime().UseInMemoryHistoryStore().AddWorkflow<GreetingWorkflow>();
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<WorkflowRunner>();

        var outcome = await runner.RunAsync(new InstanceDescriptor("g-1", "greeting", 1, "{\"name\":\"Ada\"}", DateTimeOffset.UnixEpoch));

        Assert.Equal("\"Hello, Ada\"", Assert.IsType<RunCompleted>(outcome).OutputJson);
    }

    public sealed record Greeting(string Name);

    public sealed record Greeter(string Salutation);

    public sealed class GreetingWorkflow(Greeter greeter) : WorkflowEntrypoint<Greeting>
    {
        public override async Task<object?> RunAsync(WorkflowEvent<Greeting> evt, IWorkflowStep step, CancellationToken ct) =>
            await step.Do("greet", _ => Task.FromResult($"{greeter.Salutation}, {evt.Payload.Name}"));
    }

    [Workflow("greeting")]
    public sealed class OtherGreeting : WorkflowEntrypoint<int>
    {
        public override Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct) => Task.FromResult<object?>(null);
    }

    [Workflow("a-name-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on")]
    public sealed class LongNamedWorkflow : WorkflowEntrypoint<int>
    {
        public override Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct) => Task.FromResult<object?>(null);
    }
}
