using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflows.Hosting;

/// <summary>
/// Logs each retry of a message as one line without a stack trace, at the level its failure deserves: a lost race with
/// another delivery is Information, a database outage a Warning. MassTransit's own retry lines (R-RETRY, a warning with
/// the stack trace) are off by default for that reason; a message whose retries run out is still logged by MassTransit
/// as an error with its stack trace (R-FAULT).
/// </summary>
public sealed class RetryLog(ILogger<RetryLog> logger, LogLevel level, string failure) : IRetryObserver
{
    /// <summary>Connects a <see cref="RetryLog"/> to a retry policy of an endpoint being configured.</summary>
    public static void Connect(IRetryConfigurator retry, IServiceProvider services, LogLevel level, string failure)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(services);
        retry.ConnectRetryObserver(new RetryLog(services.GetRequiredService<ILogger<RetryLog>>(), level, failure));
    }

    public Task PostFault<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        ArgumentNullException.ThrowIfNull(context);
        if (logger.IsEnabled(level))
            logger.Log(level, "Retrying a message on {Queue} after {Failure} (retry {Retry}): {Reason}",
                InputAddresses.QueueOf((context.Context as ConsumeContext)?.ReceiveContext.InputAddress), failure, context.RetryAttempt + 1,
                Innermost(context.Exception).Message);
        return Task.CompletedTask;
    }

    public Task PostCreate<T>(RetryPolicyContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task PreRetry<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task RetryFault<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task RetryComplete<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    // EF Core's own message ("see the inner exception") says nothing; the database's does.
    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
