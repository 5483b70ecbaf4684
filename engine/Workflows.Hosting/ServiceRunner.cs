using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Workflows.Hosting;

/// <summary>
/// Runs a host: <c>return ServiceRunner.Run(args, b => b.AddWorkflows().AddOrchestrator());</c>. A missing or invalid
/// setting ends it with one line on stderr naming the key and the rule, and exit code 2, instead of a stack trace.
/// With <see cref="MigrateCommand"/> as its first argument the host only applies its <see cref="ISchemaMigration"/>s and exits.
/// </summary>
public static class ServiceRunner
{
    internal const string StrictProperty = "Workflows.ServiceRunner";

    /// <summary>The first argument that makes a host apply its migrations and exit 0 (the Kubernetes migration Job).</summary>
    public const string MigrateCommand = "migrate";

    public static int Run(string[] args, Action<WebApplicationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        try
        {
            var migrateOnly = args is [MigrateCommand, ..];
            var builder = WebApplication.CreateBuilder(migrateOnly ? args[1..] : args);
            ((Microsoft.Extensions.Hosting.IHostApplicationBuilder)builder).Properties[StrictProperty] = true;
            configure(builder);
            var app = builder.Build();
            // Every setting now: the host's own start would log a bad one with its stack trace before it reaches us.
            app.Services.GetService<IStartupValidator>()?.Validate();
            if (migrateOnly)
                return Migrate(app.Services);
            app.MapWorkflows();
            // The loops that had failed when the stop began: one that fails that way is why the host stops (one that throws
            // while stopping is not). Read then, not before the start, which would construct them out of the host's order.
            var failed = new List<BackgroundService>();
            app.Lifetime.ApplicationStopping.Register(() => failed.AddRange(
                app.Services.GetServices<IHostedService>().OfType<BackgroundService>().Where(s => s.ExecuteTask is { IsFaulted: true })));
            app.Run();
            return Report(failed);
        }
        catch (Exception e) when (SettingProblem.Describe(e) is { } problem)
        {
            Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: {problem}");
            return 2;
        }
    }

    /// <summary>
    /// A background loop that ended with an exception stops the host (the default <c>StopHost</c>), which would exit 0 as
    /// if asked to stop: exit 1 with the loop named instead, so a supervisor restarts the service and the log says why.
    /// </summary>
    private static int Report(IReadOnlyList<BackgroundService> failed)
    {
        foreach (var loop in failed)
            Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: {loop.GetType().Name} failed: {loop.ExecuteTask!.Exception!.GetBaseException().Message}");
        return failed.Count == 0 ? 0 : 1;
    }

    private static int Migrate(IServiceProvider services)
    {
        // SIGTERM (the Job deleted, its deadline reached) stops waiting for the database; a migration half-applied rolls back with its transaction.
        using var stopping = new CancellationTokenSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
        var migrations = services.GetServices<ISchemaMigration>().ToList();
        try
        {
            foreach (var migration in migrations)
                migration.ApplyAsync(stopping.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: stopped before the schema was up to date.");
            return 1;
        }
        // A failed Job shows its log: one line with the database's reason, not a stack trace.
        catch (Exception e) when (e is System.Data.Common.DbException || e.InnerException is System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: the migrations failed: {(e as System.Data.Common.DbException ?? e.InnerException)!.Message}");
            return 1;
        }
        Console.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: {migrations.Count} schema(s) up to date.");
        return 0;
    }
}
