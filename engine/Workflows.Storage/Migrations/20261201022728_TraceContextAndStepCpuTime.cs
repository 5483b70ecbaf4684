using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Storage.Migrations
{
    /// <inheritdoc />
    public partial class TraceContextAndStepCpuTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "cpu_time_ms",
                schema: "workflows",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                schema: "workflows",
                table: "instances",
                type: "character varying(55)",
                maxLength: 55,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cpu_time_ms",
                schema: "workflows",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "trace_parent",
                schema: "workflows",
                table: "instances");
        }
    }
}
