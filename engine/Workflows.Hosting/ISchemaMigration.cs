namespace Workflows.Hosting;

/// <summary>
/// A schema this process brings up to date at start. <c>Workflows.X.Host migrate</c> (the Kubernetes migration Job's
/// command) applies every registered one and exits, without starting the bus or the web server.
/// </summary>
public interface ISchemaMigration
{
    /// <summary>Brings the schema up to date, waiting for the database (and for any other migrator) as long as it takes.</summary>
    Task ApplyAsync(CancellationToken cancellationToken);
}
