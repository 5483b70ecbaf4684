using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflows.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "workflows");

            migrationBuilder.CreateTable(
                name: "events",
                schema: "workflows",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    payload_json = table.Column<string>(type: "json", nullable: true),
                    timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    consumed_generation = table.Column<long>(type: "bigint", nullable: true),
                    consumed_by_step = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "instance_leases",
                schema: "workflows",
                columns: table => new
                {
                    instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    generation = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instance_leases", x => x.instance_id);
                });

            migrationBuilder.CreateTable(
                name: "instances",
                schema: "workflows",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    workflow = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    current_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    generation = table.Column<long>(type: "bigint", nullable: false),
                    params_json = table.Column<string>(type: "json", nullable: true),
                    output_json = table.Column<string>(type: "json", nullable: true),
                    error_name = table.Column<string>(type: "text", nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    wake_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    wake_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    awaited_event_types = table.Column<string[]>(type: "text[]", nullable: false),
                    event_pending = table.Column<bool>(type: "boolean", nullable: false),
                    dispatch_deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retain_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instances", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "steps",
                schema: "workflows",
                columns: table => new
                {
                    instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    generation = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    occurrence = table.Column<int>(type: "integer", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    result_json = table.Column<string>(type: "json", nullable: true),
                    error_name = table.Column<string>(type: "text", nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    wake_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    event_type = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_steps", x => new { x.instance_id, x.generation, x.key });
                });

            migrationBuilder.CreateTable(
                name: "workflow_definitions",
                schema: "workflows",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_definitions", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_events_instance_id_event_id",
                schema: "workflows",
                table: "events",
                columns: new[] { "instance_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_instance_id_type_sequence",
                schema: "workflows",
                table: "events",
                columns: new[] { "instance_id", "type", "sequence" },
                filter: "consumed_by_step IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_instances_dispatch_deadline",
                schema: "workflows",
                table: "instances",
                column: "dispatch_deadline",
                filter: "dispatch_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_instances_instance_id",
                schema: "workflows",
                table: "instances",
                column: "instance_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_instances_retain_until",
                schema: "workflows",
                table: "instances",
                column: "retain_until",
                filter: "retain_until IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_instances_workflow_created_at_instance_id",
                schema: "workflows",
                table: "instances",
                columns: new[] { "workflow", "created_at", "instance_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "events",
                schema: "workflows");

            migrationBuilder.DropTable(
                name: "instance_leases",
                schema: "workflows");

            migrationBuilder.DropTable(
                name: "instances",
                schema: "workflows");

            migrationBuilder.DropTable(
                name: "steps",
                schema: "workflows");

            migrationBuilder.DropTable(
                name: "workflow_definitions",
                schema: "workflows");
        }
    }
}
