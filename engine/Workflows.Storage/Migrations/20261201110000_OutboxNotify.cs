using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflows.Storage.EventLog;

#nullable disable

namespace Workflows.Storage.Migrations
{
    /// <summary>
    /// A commit that adds relay-pending lifecycle events notifies <see cref="OutboxChannel.Name"/> (once per transaction:
    /// PostgreSQL folds equal notifications), so an idle outbox relay wakes at once instead of polling. A row trigger with
    /// a WHEN clause: rows that are not relay-pending (the Executors' step events) never call the function.
    /// </summary>
    [DbContext(typeof(WorkflowsDbContext))]
    [Migration("20261201110000_OutboxNotify")]
    public partial class OutboxNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION workflows.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('{OutboxChannel.Name}', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER instance_events_notify_outbox AFTER INSERT ON workflows.instance_events
                    FOR EACH ROW WHEN (NEW.relay_pending) EXECUTE FUNCTION workflows.notify_outbox();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER instance_events_notify_outbox ON workflows.instance_events;
                DROP FUNCTION workflows.notify_outbox();
                """);
        }
    }
}
