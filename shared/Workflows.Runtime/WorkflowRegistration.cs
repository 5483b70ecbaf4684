using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>A registered workflow: its name, class and params type.</summary>
public sealed class WorkflowRegistration
{
    private readonly Func<IServiceProvider, object?, InstanceDescriptor, IWorkflowStep, CancellationToken, Task<object?>> invoke;

    private WorkflowRegistration(
        string name,
        Type workflowType,
        Type paramsType,
        Func<IServiceProvider, object?, InstanceDescriptor, IWorkflowStep, CancellationToken, Task<object?>> invoke)
    {
        Name = name;
        WorkflowType = workflowType;
        ParamsType = paramsType;
        this.invoke = invoke;
    }

    /// <summary>The workflow name.</summary>
    public string Name { get; }

    /// <summary>The workflow class.</summary>
    public Type WorkflowType { get; }

    /// <summary>The <c>TParams</c> of its <see cref="WorkflowEntrypoint{TParams}"/>.</summary>
    public Type ParamsType { get; }

    /// <summary>Describes a workflow class; its name comes from <see cref="WorkflowAttribute.NameOf"/>.</summary>
    /// <typeparam name="TWorkflow">A class deriving from <see cref="WorkflowEntrypoint{TParams}"/>.</typeparam>
    /// <returns>The registration.</returns>
    /// <exception cref="ArgumentException">The class is not a workflow or its name is invalid.</exception>
    public static WorkflowRegistration Create<TWorkflow>()
        where TWorkflow : class
    {
        var type = typeof(TWorkflow);
        var paramsType = FindParamsType(type)
            ?? throw new ArgumentException($"{type.FullName} does not derive from WorkflowEntrypoint<TParams>.", nameof(TWorkflow));
        if (type.IsAbstract)
            throw new ArgumentException($"{type.FullName} is abstract; register a concrete workflow class.", nameof(TWorkflow));
        var name = WorkflowAttribute.NameOf(type);
        var problem = WorkflowNames.ValidateWorkflowName(name);
        if (problem is not null)
            throw new ArgumentException($"{type.FullName}: {problem}", nameof(TWorkflow));

        var factory = typeof(WorkflowRegistration)
            .GetMethod(nameof(CreateInvoker), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type, paramsType);
        var invoke = (Func<IServiceProvider, object?, InstanceDescriptor, IWorkflowStep, CancellationToken, Task<object?>>)factory.Invoke(null, null)!;
        return new WorkflowRegistration(name, type, paramsType, invoke);
    }

    internal Task<object?> InvokeAsync(IServiceProvider services, object? payload, InstanceDescriptor instance, IWorkflowStep step, CancellationToken ct) =>
        invoke(services, payload, instance, step, ct);

    private static Func<IServiceProvider, object?, InstanceDescriptor, IWorkflowStep, CancellationToken, Task<object?>> CreateInvoker<TWorkflow, TParams>()
        where TWorkflow : WorkflowEntrypoint<TParams> =>
        (services, payload, instance, step, ct) =>
        {
            var workflow = ActivatorUtilities.GetServiceOrCreateInstance<TWorkflow>(services);
            var evt = new WorkflowEvent<TParams>
            {
                Payload = (TParams)payload!,
                Timestamp = instance.CreatedAt,
                InstanceId = instance.InstanceId,
                WorkflowName = instance.WorkflowName,
                Schedule = instance.Schedule,
            };
            return workflow.RunAsync(evt, step, ct);
        };

    private static Type? FindParamsType(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(WorkflowEntrypoint<>))
                return t.GetGenericArguments()[0];
        }
        return null;
    }
}
