using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PosterGen.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Tenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The view names columns of batch_job_state, so it is rebuilt around the change below.
            migrationBuilder.Sql("DROP VIEW job_overview;");

            migrationBuilder.DropIndex(
                name: "ix_templates_key",
                table: "templates");

            migrationBuilder.DropIndex(
                name: "ix_batch_job_state_created_at",
                table: "batch_job_state");

            migrationBuilder.AddColumn<string>(
                name: "tenant",
                table: "templates",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "tenant",
                table: "template_versions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "tenant",
                table: "template_assets",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "tenant",
                table: "poster_results",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "tenant",
                table: "job_logs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "tenant",
                table: "batch_job_state",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "tenant",
                table: "batch_items",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "tenant",
                table: "api_keys",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, defaultValue: "default"),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    location = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_templates_tenant_key",
                table: "templates",
                columns: new[] { "tenant", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_batch_job_state_tenant_created_at",
                table: "batch_job_state",
                columns: new[] { "tenant", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_batch_items_pending",
                table: "batch_items",
                column: "tenant",
                filter: "state <> 'done'");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_created_at",
                table: "idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_tenant_key",
                table: "idempotency_keys",
                columns: new[] { "tenant", "key" },
                unique: true);

            // Support staff see whose job it is: SELECT * FROM job_overview WHERE tenant = ...
            migrationBuilder.Sql("""
                CREATE VIEW job_overview AS
                SELECT s.correlation_id AS job_id,
                       s.tenant,
                       s.current_state AS state,
                       s.template_key || '@' || s.template_version AS template,
                       s.client,
                       s.total_items,
                       s.succeeded_count AS succeeded,
                       s.failed_count AS failed,
                       s.cancelled_count AS cancelled,
                       s.succeeded_count + s.failed_count + s.cancelled_count AS processed,
                       s.total_items - s.succeeded_count - s.failed_count - s.cancelled_count AS remaining,
                       ROUND(100.0 * (s.succeeded_count + s.failed_count + s.cancelled_count) / NULLIF(s.total_items, 0), 1) AS percent_done,
                       (SELECT COUNT(*) FROM batch_items i WHERE i.job_id = s.correlation_id AND i.state = 'queued') AS items_queued,
                       (SELECT COUNT(*) FROM batch_items i WHERE i.job_id = s.correlation_id AND i.state = 'rendering') AS items_rendering,
                       s.created_at,
                       s.dispatched_at,
                       s.completed_at,
                       s.deadline_at,
                       EXTRACT(EPOCH FROM s.completed_at - s.created_at) AS duration_seconds,
                       s.failure_reason,
                       s.retry_of,
                       (SELECT COUNT(*) FROM poster_results r WHERE r.job_id = s.correlation_id) AS result_rows,
                       (SELECT r.error FROM poster_results r WHERE r.job_id = s.correlation_id AND r.status = 'failed'
                         ORDER BY r.id DESC LIMIT 1) AS last_error
                FROM batch_job_state s;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW job_overview;");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropIndex(
                name: "ix_templates_tenant_key",
                table: "templates");

            migrationBuilder.DropIndex(
                name: "ix_batch_job_state_tenant_created_at",
                table: "batch_job_state");

            migrationBuilder.DropIndex(
                name: "ix_batch_items_pending",
                table: "batch_items");

            migrationBuilder.DropColumn(
                name: "tenant",
                table: "templates");

            migrationBuilder.DropColumn(
                name: "tenant",
                table: "template_versions");

            migrationBuilder.DropColumn(
                name: "tenant",
                table: "template_assets");

            migrationBuilder.DropColumn(
                name: "tenant",
                table: "poster_results");

            migrationBuilder.DropColumn(
                name: "tenant",
                table: "job_logs");

            migrationBuilder.DropColumn(
                name: "tenant",
                table: "batch_job_state");

            migrationBuilder.DropColumn(
                name: "tenant",
                table: "batch_items");

            migrationBuilder.DropColumn(
                name: "tenant",
                table: "api_keys");

            migrationBuilder.CreateIndex(
                name: "ix_templates_key",
                table: "templates",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_batch_job_state_created_at",
                table: "batch_job_state",
                column: "created_at");

            migrationBuilder.Sql("""
                CREATE VIEW job_overview AS
                SELECT s.correlation_id AS job_id,
                       s.current_state AS state,
                       s.template_key || '@' || s.template_version AS template,
                       s.client,
                       s.total_items,
                       s.succeeded_count AS succeeded,
                       s.failed_count AS failed,
                       s.cancelled_count AS cancelled,
                       s.succeeded_count + s.failed_count + s.cancelled_count AS processed,
                       s.total_items - s.succeeded_count - s.failed_count - s.cancelled_count AS remaining,
                       ROUND(100.0 * (s.succeeded_count + s.failed_count + s.cancelled_count) / NULLIF(s.total_items, 0), 1) AS percent_done,
                       (SELECT COUNT(*) FROM batch_items i WHERE i.job_id = s.correlation_id AND i.state = 'queued') AS items_queued,
                       (SELECT COUNT(*) FROM batch_items i WHERE i.job_id = s.correlation_id AND i.state = 'rendering') AS items_rendering,
                       s.created_at,
                       s.dispatched_at,
                       s.completed_at,
                       s.deadline_at,
                       EXTRACT(EPOCH FROM s.completed_at - s.created_at) AS duration_seconds,
                       s.failure_reason,
                       s.retry_of,
                       (SELECT COUNT(*) FROM poster_results r WHERE r.job_id = s.correlation_id) AS result_rows,
                       (SELECT r.error FROM poster_results r WHERE r.job_id = s.correlation_id AND r.status = 'failed'
                         ORDER BY r.id DESC LIMIT 1) AS last_error
                FROM batch_job_state s;
                """);
        }
    }
}
