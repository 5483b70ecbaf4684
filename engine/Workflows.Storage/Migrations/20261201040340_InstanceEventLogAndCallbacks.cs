using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflows.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InstanceEventLogAndCallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "callback_url",
                schema: "workflows",
                table: "instances",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "callback_deliveries",
                schema: "workflows",
                columns: table => new
                {
                    instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_json = table.Column<string>(type: "json", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_callback_deliveries", x => new { x.instance_id, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "instance_events",
                schema: "workflows",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    step = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    attempt = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    data_json = table.Column<string>(type: "json", nullable: true),
                    message_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    message_json = table.Column<string>(type: "json", nullable: true),
                    message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    activity_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    relay_pending = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instance_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_callback_deliveries_next_attempt_at",
                schema: "workflows",
                table: "callback_deliveries",
                column: "next_attempt_at");

            migrationBuilder.CreateIndex(
                name: "IX_instance_events_instance_id_sequence",
                schema: "workflows",
                table: "instance_events",
                columns: new[] { "instance_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_instance_events_relay_pending",
                schema: "workflows",
                table: "instance_events",
                column: "id",
                filter: "relay_pending");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "callback_deliveries",
                schema: "workflows");

            migrationBuilder.DropTable(
                name: "instance_events",
                schema: "workflows");

            migrationBuilder.DropColumn(
                name: "callback_url",
                schema: "workflows",
                table: "instances");
        }
    }
}
