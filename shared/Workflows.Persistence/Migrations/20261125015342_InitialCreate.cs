using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Persistence.Migrations
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
                name: "instances",
                schema: "workflows",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    workflow = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    current_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    generation = table.Column<int>(type: "integer", nullable: false),
                    params_json = table.Column<string>(type: "jsonb", nullable: true),
                    output_json = table.Column<string>(type: "jsonb", nullable: true),
                    error_name = table.Column<string>(type: "text", nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    wake_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    wake_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    awaited_event_types = table.Column<string[]>(type: "text[]", nullable: false),
                    dispatch_deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retain_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instances", x => x.correlation_id);
                });

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
                name: "instances",
                schema: "workflows");
        }
    }
}
