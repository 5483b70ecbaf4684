using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Hosting;

/// <summary>
/// Applies the composition when the host is built, after every part has been added, whatever order they were added in;
/// then builds the default container.
/// </summary>
internal sealed class WorkflowsServiceProviderFactory(WorkflowsBuilder workflows, Func<bool> validate) : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        workflows.Apply(services);
        return services;
    }

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
    {
        var strict = validate();
        return containerBuilder.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = strict, ValidateOnBuild = strict });
    }
}
