using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Storage.Migrations
{
    /// <inheritdoc />
    public partial class DispatchNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "dispatch",
                schema: "workflows",
                table: "instances",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "dispatch",
                schema: "workflows",
                table: "instances");
        }
    }
}
