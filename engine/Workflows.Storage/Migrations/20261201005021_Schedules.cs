using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Schedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "schedule_json",
                schema: "workflows",
                table: "instances",
                type: "json",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "schedules",
                schema: "workflows",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(83)", maxLength: 83, nullable: false),
                    workflow = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    params_json = table.Column<string>(type: "json", nullable: true),
                    every = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    cron = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    overlap = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    start_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    next_fire_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pending_fire_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    fired_count = table.Column<long>(type: "bigint", nullable: false),
                    skipped_count = table.Column<long>(type: "bigint", nullable: false),
                    missed_count = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_schedules", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_schedules_created_at_id",
                schema: "workflows",
                table: "schedules",
                columns: new[] { "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "schedules",
                schema: "workflows");

            migrationBuilder.DropColumn(
                name: "schedule_json",
                schema: "workflows",
                table: "instances");
        }
    }
}
