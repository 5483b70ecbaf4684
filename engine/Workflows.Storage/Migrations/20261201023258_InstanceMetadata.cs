using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InstanceMetadata : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "instance_metadata",
                schema: "workflows",
                columns: table => new
                {
                    instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instance_metadata", x => new { x.instance_id, x.key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_instances_created_at_instance_id",
                schema: "workflows",
                table: "instances",
                columns: new[] { "created_at", "instance_id" });

            migrationBuilder.CreateIndex(
                name: "IX_instance_metadata_key_value_created_at_instance_id",
                schema: "workflows",
                table: "instance_metadata",
                columns: new[] { "key", "value", "created_at", "instance_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "instance_metadata",
                schema: "workflows");

            migrationBuilder.DropIndex(
                name: "IX_instances_created_at_instance_id",
                schema: "workflows",
                table: "instances");
        }
    }
}
