using MassTransit;

namespace Workflows.Storage;

public static class DatabaseRetry
{
    /// <summary>
    /// Retries a consumer while the database is unreachable (PostgreSQL restarting, a dropped connection) for about two
    /// minutes in all, so a database restart does not send messages to the error queue; every consumer that writes
    /// through the database is idempotent, so a retry is harmless.
    /// </summary>
    public static void UseDatabaseRetry(this IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(DatabaseErrors.IsDatabaseFailure);
            r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        });
}
