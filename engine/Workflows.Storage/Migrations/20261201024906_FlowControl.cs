using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Storage.Migrations
{
    /// <inheritdoc />
    public partial class FlowControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "concurrency_key",
                schema: "workflows",
                table: "workflow_definitions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "max_concurrent",
                schema: "workflows",
                table: "workflow_definitions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "max_concurrent_per_key",
                schema: "workflows",
                table: "workflow_definitions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "concurrency_key",
                schema: "workflows",
                table: "instances",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "flow_controlled",
                schema: "workflows",
                table: "instances",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "priority",
                schema: "workflows",
                table: "instances",
                type: "integer",
                nullable: false,
                // Instances created before flow control have the default priority (InstancePriorities.Default).
                defaultValue: 3);

            migrationBuilder.CreateIndex(
                name: "ix_instances_holding_slot",
                schema: "workflows",
                table: "instances",
                columns: new[] { "workflow", "concurrency_key" },
                filter: "flow_controlled AND current_state IN ('Running', 'WaitingForPause')");

            migrationBuilder.CreateIndex(
                name: "ix_instances_queued",
                schema: "workflows",
                table: "instances",
                columns: new[] { "workflow", "priority", "created_at", "instance_id", "concurrency_key" },
                filter: "current_state = 'Queued'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_instances_holding_slot",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_instances_queued",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "concurrency_key",
                schema: "workflows",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "max_concurrent",
                schema: "workflows",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "max_concurrent_per_key",
                schema: "workflows",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "concurrency_key",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "flow_controlled",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "priority",
                schema: "workflows",
                table: "instances");
        }
    }
}
