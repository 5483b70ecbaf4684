using MassTransit;
using Microsoft.Extensions.Logging;
using Workflows.Hosting;

namespace Workflows.Storage;

public static class DatabaseRetry
{
    /// <summary>
    /// Retries a consumer while the database fails transiently (<see cref="DatabaseErrors.IsTransient"/>: PostgreSQL
    /// restarting, a dropped connection, a deadlock) for about two minutes in all, so a database restart does not send
    /// messages to the error queue; every consumer that writes through the database is idempotent, so a retry is harmless.
    /// Any other exception (data the database refuses, invalid input) faults the message at once: it moves to the
    /// endpoint's <c>_error</c> queue with a Fault instead of holding a consumer slot for those two minutes. Each retry is
    /// one warning without a stack trace (<see cref="RetryLog"/>).
    /// </summary>
    public static void UseDatabaseRetry(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(DatabaseErrors.IsTransient);
            RetryLog.Connect(r, context, LogLevel.Warning, "a transient database failure");
            r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        });
}
