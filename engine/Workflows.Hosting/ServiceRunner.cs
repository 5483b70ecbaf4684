using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Workflows.Hosting;

/// <summary>
/// Runs a host: <c>return ServiceRunner.Run(args, b => b.AddWorkflows().AddOrchestrator());</c>. A missing or invalid
/// setting ends it with one line on stderr naming the key and the rule, and exit code 2, instead of a stack trace.
/// </summary>
public static class ServiceRunner
{
    internal const string StrictProperty = "Workflows.ServiceRunner";

    public static int Run(string[] args, Action<WebApplicationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        try
        {
            var builder = WebApplication.CreateBuilder(args);
            ((Microsoft.Extensions.Hosting.IHostApplicationBuilder)builder).Properties[StrictProperty] = true;
            configure(builder);
            var app = builder.Build();
            // Every setting now: the host's own start would log a bad one with its stack trace before it reaches us.
            app.Services.GetService<IStartupValidator>()?.Validate();
            app.MapWorkflows();
            app.Run();
            return 0;
        }
        catch (Exception e) when (SettingProblem.Describe(e) is { } problem)
        {
            Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: {problem}");
            return 2;
        }
    }
}
