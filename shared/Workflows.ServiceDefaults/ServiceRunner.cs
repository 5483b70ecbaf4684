using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Workflows.ServiceDefaults;

/// <summary>Runs a service; a missing setting ends it with one line on stderr and exit code 2 instead of a stack trace.</summary>
public static class ServiceRunner
{
    public static int Run(string[] args, Action<WebApplicationBuilder> configure, Action<WebApplication>? map = null)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(args);
            // Development's DI checks in every environment, so the tests (which run as Production) catch a scoped
            // service captured by a singleton as `dotnet run` would.
            builder.Host.UseDefaultServiceProvider(o =>
            {
                o.ValidateScopes = true;
                o.ValidateOnBuild = true;
            });
            configure(builder);
            var app = builder.Build();
            app.MapDefaultEndpoints();
            map?.Invoke(app);
            app.Run();
            return 0;
        }
        catch (MissingSettingException e)
        {
            Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: {e.Message}");
            return 2;
        }
    }
}
