using Workflows.Runtime;
using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Workflows.Storage.EventLog;
using Workflows.Storage.Schedules;

namespace Workflows.Storage;

/// <summary>
/// The engine's state in PostgreSQL (schema <c>workflows</c>, snake_case names). The same model runs on SQLite for the
/// DevHost's embedded mode: no schema, JSON as text, instants as UTC ticks, no xmin (SQLite serialises writers).
/// </summary>
public sealed class WorkflowsDbContext(DbContextOptions<WorkflowsDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "workflows";

    /// <summary>A W3C traceparent: version, trace id, span id and flags, 55 characters.</summary>
    public const int TraceParentLength = 55;

    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<StepRow> Steps => Set<StepRow>();
    public DbSet<EventRow> Events => Set<EventRow>();
    public DbSet<WorkflowDefinitionRow> WorkflowDefinitions => Set<WorkflowDefinitionRow>();
    public DbSet<InstanceLeaseRow> InstanceLeases => Set<InstanceLeaseRow>();
    public DbSet<WebhookDeliveryRow> WebhookDeliveries => Set<WebhookDeliveryRow>();
    public DbSet<ScheduleRow> Schedules => Set<ScheduleRow>();
    public DbSet<InstanceMetadataRow> InstanceMetadata => Set<InstanceMetadataRow>();
    public DbSet<InstanceEventRow> InstanceEvents => Set<InstanceEventRow>();
    public DbSet<CallbackDeliveryRow> CallbackDeliveries => Set<CallbackDeliveryRow>();

    /// <summary>The ASP.NET Core data-protection key ring: the dashboard's cookies decrypt on every Api replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // EF Core builds the model once per provider, so these checks pick the provider's mapping.
        var postgres = Database.IsNpgsql();
        // json, not jsonb: replay must read back the exact text a step returned (jsonb reorders keys, rewrites numbers, rejects \u0000).
        var json = postgres ? "json" : "text";
        if (postgres)
            modelBuilder.HasDefaultSchema(Schema);

        modelBuilder.Entity<WorkflowInstance>(e =>
        {
            e.ToTable("instances");
            e.HasKey(x => x.CorrelationId);
            e.Property(x => x.CorrelationId).ValueGeneratedNever();
            e.Property(x => x.InstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.HasIndex(x => x.InstanceId).IsUnique();
            e.Property(x => x.Workflow).HasMaxLength(64);
            e.Property(x => x.CurrentState).HasMaxLength(32);
            e.Property(x => x.ParamsJson).HasColumnType(json);
            e.Property(x => x.OutputJson).HasColumnType(json);
            e.Property(x => x.ScheduleJson).HasColumnType(json);
            if (postgres)
                e.Property(x => x.Version).IsRowVersion();
            else
                e.Ignore(x => x.Version);
            // Listing: newest first per workflow, keyset-paginated on (created_at, instance_id).
            e.HasIndex(x => new { x.Workflow, x.CreatedAt, x.InstanceId });
            // Listing across workflows (GET /api/instances), same keyset.
            e.HasIndex(x => new { x.CreatedAt, x.InstanceId });
            // The reconciler scans only dispatched runs whose deadline passed; the retention purge only finished ones.
            e.HasIndex(x => x.DispatchDeadline).HasFilter("dispatch_deadline IS NOT NULL");
            e.HasIndex(x => x.RetainUntil).HasFilter("retain_until IS NOT NULL");
        });

        // Composition (child workflows, rollbacks): a parent's children are found by parent id.
        modelBuilder.Entity<WorkflowInstance>(e =>
        {
            e.Property(x => x.ParentInstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.Property(x => x.RollbackOutcome).HasMaxLength(16);
            e.HasIndex(x => x.ParentInstanceId).HasFilter("parent_instance_id IS NOT NULL");
        });

        // Metadata (docs/api.md#metadata): purged with its instance, like steps and events; a filter walks (key, value) in the list's keyset order.
        modelBuilder.Entity<InstanceMetadataRow>(e =>
        {
            e.ToTable("instance_metadata");
            e.HasKey(x => new { x.InstanceId, x.Key });
            e.Property(x => x.InstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.Property(x => x.Key).HasMaxLength(Runtime.InstanceMetadata.MaxKeyLength);
            e.Property(x => x.Value).HasMaxLength(Runtime.InstanceMetadata.MaxValueLength);
            e.HasIndex(x => new { x.Key, x.Value, x.CreatedAt, x.InstanceId });
        });

        // Observability: the instance's trace, so a wake-up in another trace still runs in the instance's.
        modelBuilder.Entity<WorkflowInstance>(e => e.Property(x => x.TraceParent).HasMaxLength(TraceParentLength));

        // Flow control (docs/flow-control.md): admission takes queued instances by priority then creation, and counts the
        // running ones per key (the key is in the queue's index so a busy key is skipped without reading rows); both partial, so neither grows with finished instances nor touches unlimited workflows.
        modelBuilder.Entity<WorkflowInstance>(e =>
        {
            e.Property(x => x.ConcurrencyKey).HasMaxLength(WorkflowLimits.MaxConcurrencyKeyLength);
            e.HasIndex(x => new { x.Workflow, x.Priority, x.CreatedAt, x.InstanceId, x.ConcurrencyKey }, "ix_instances_queued")
                .HasFilter($"current_state = '{InstanceStates.Queued}'");
            e.HasIndex(x => new { x.Workflow, x.ConcurrencyKey }, "ix_instances_holding_slot")
                .HasFilter($"flow_controlled AND current_state IN ('{InstanceStates.Running}', '{InstanceStates.WaitingForPause}')");
        });

        modelBuilder.Entity<StepRow>(e =>
        {
            e.ToTable("steps");
            e.HasKey(x => new { x.InstanceId, x.Generation, x.Key });
            e.Property(x => x.InstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.Property(x => x.Name).HasMaxLength(256);
            e.Property(x => x.Key).HasMaxLength(280);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.ResultJson).HasColumnType(json);
        });

        modelBuilder.Entity<EventRow>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Sequence);
            if (postgres)
                e.Property(x => x.Sequence).UseIdentityAlwaysColumn();
            e.Property(x => x.InstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.Property(x => x.EventId).HasMaxLength(200);
            e.Property(x => x.Type).HasMaxLength(256);
            e.Property(x => x.PayloadJson).HasColumnType(json);
            e.HasIndex(x => new { x.InstanceId, x.EventId }).IsUnique();
            // A wait takes the oldest unconsumed event of its type.
            e.HasIndex(x => new { x.InstanceId, x.Type, x.Sequence }).HasFilter("consumed_by_step IS NULL");
        });

        modelBuilder.Entity<WorkflowDefinitionRow>(e =>
        {
            e.ToTable("workflow_definitions");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.ConcurrencyKey).HasMaxLength(WorkflowLimits.MaxConcurrencyKeyLength);
        });

        modelBuilder.Entity<InstanceLeaseRow>(e =>
        {
            e.ToTable("instance_leases");
            e.HasKey(x => x.InstanceId);
            e.Property(x => x.InstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.Property(x => x.Owner).HasMaxLength(200);
        });

        // Webhooks: the deliveries acted on, by (source, delivery id); the purge scans by arrival.
        modelBuilder.Entity<WebhookDeliveryRow>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasKey(x => new { x.Source, x.DeliveryId });
            e.Property(x => x.Source).HasMaxLength(64);
            e.Property(x => x.DeliveryId).HasMaxLength(InputRules.MaxEventIdLength);
            e.Property(x => x.Action).HasMaxLength(16);
            e.Property(x => x.InstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.HasIndex(x => x.ReceivedAt);
        });

        // Schedules (docs/schedules.md): definitions, state and counts; the Scheduler's timers only wake the firing, which reads them.
        modelBuilder.Entity<ScheduleRow>(e =>
        {
            e.ToTable("schedules");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(ScheduleIds.MaxLength);
            e.Property(x => x.Workflow).HasMaxLength(64);
            e.Property(x => x.ParamsJson).HasColumnType(json);
            e.Property(x => x.Every).HasMaxLength(64);
            e.Property(x => x.Cron).HasMaxLength(256);
            e.Property(x => x.TimeZone).HasMaxLength(64);
            e.Property(x => x.Overlap).HasMaxLength(32);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.LastInstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.Property(x => x.Revision).IsConcurrencyToken();
            // Listing: newest first, keyset-paginated on (created_at, id).
            e.HasIndex(x => new { x.CreatedAt, x.Id });
        });

        // The event log (docs/stream.md): the stream reads one instance's rows by sequence; the relay, the pending ones by id.
        modelBuilder.Entity<InstanceEventRow>(e =>
        {
            e.ToTable("instance_events");
            e.HasKey(x => x.Id);
            if (postgres)
                e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.InstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.Property(x => x.Type).HasMaxLength(32);
            e.Property(x => x.Step).HasMaxLength(256);
            e.Property(x => x.Status).HasMaxLength(32);
            e.Property(x => x.DataJson).HasColumnType(json);
            e.Property(x => x.MessageType).HasMaxLength(64);
            e.Property(x => x.MessageJson).HasColumnType(json);
            e.Property(x => x.ActivityId).HasMaxLength(128);
            e.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
            e.HasIndex(x => x.Id).HasFilter("relay_pending").HasDatabaseName("ix_instance_events_relay_pending");
        });

        // Callbacks: one row per event still to POST; the deliverer takes each instance's lowest sequence.
        modelBuilder.Entity<CallbackDeliveryRow>(e =>
        {
            e.ToTable("callback_deliveries");
            e.HasKey(x => new { x.InstanceId, x.Sequence });
            e.Property(x => x.InstanceId).HasMaxLength(InstanceIds.MaxLength);
            e.Property(x => x.Url).HasMaxLength(InputRules.MaxCallbackUrlLength);
            e.Property(x => x.BodyJson).HasColumnType(json);
            e.HasIndex(x => x.NextAttemptAt);
        });

        modelBuilder.Entity<WorkflowInstance>(e => e.Property(x => x.CallbackUrl).HasMaxLength(InputRules.MaxCallbackUrlLength));

        // Dashboard: the data-protection keys (one XML element per key, written by ASP.NET Core).
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));

        // PostgreSQL's system column: Npgsql maps a uint row version to it and creates no column.
        if (postgres)
            modelBuilder.Entity<WorkflowInstance>().Property(x => x.Version).HasColumnName("xmin");
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
