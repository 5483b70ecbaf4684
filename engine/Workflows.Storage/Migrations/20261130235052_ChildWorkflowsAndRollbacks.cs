using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ChildWorkflowsAndRollbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "parent_instance_id",
                schema: "workflows",
                table: "instances",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rollback_error_message",
                schema: "workflows",
                table: "instances",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rollback_error_name",
                schema: "workflows",
                table: "instances",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rollback_outcome",
                schema: "workflows",
                table: "instances",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "rolling_back",
                schema: "workflows",
                table: "instances",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "terminate_with_parent",
                schema: "workflows",
                table: "instances",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_instances_parent_instance_id",
                schema: "workflows",
                table: "instances",
                column: "parent_instance_id",
                filter: "parent_instance_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_instances_parent_instance_id",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "parent_instance_id",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "rollback_error_message",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "rollback_error_name",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "rollback_outcome",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "rolling_back",
                schema: "workflows",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "terminate_with_parent",
                schema: "workflows",
                table: "instances");
        }
    }
}
