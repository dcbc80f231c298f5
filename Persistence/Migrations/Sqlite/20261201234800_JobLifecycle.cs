using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosterGen.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The view names columns of batch_job_state, so it is rebuilt around the change below.
            migrationBuilder.Sql("DROP VIEW job_overview;");

            migrationBuilder.AddColumn<int>(
                name: "cancelled_count",
                table: "batch_job_state",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "deadline_at",
                table: "batch_job_state",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<double>(
                name: "device_scale_factor",
                table: "batch_job_state",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "quality",
                table: "batch_job_state",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "retry_of",
                table: "batch_job_state",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "claims",
                table: "batch_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "lease_expires_at",
                table: "batch_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "priority",
                table: "batch_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "queued_at",
                table: "batch_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "batch_items",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "done"); // items stored before the database queue existed had their chance already

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumer = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    consumed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    sequence_number = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.sequence_number);
                });

            migrationBuilder.CreateIndex(
                name: "ix_batch_job_state_deadline_at",
                table: "batch_job_state",
                column: "deadline_at");

            migrationBuilder.CreateIndex(
                name: "ix_batch_job_state_retry_of",
                table: "batch_job_state",
                column: "retry_of");

            migrationBuilder.CreateIndex(
                name: "ix_batch_items_leases",
                table: "batch_items",
                column: "lease_expires_at",
                filter: "state = 'rendering'");

            migrationBuilder.CreateIndex(
                name: "ix_batch_items_queue",
                table: "batch_items",
                columns: new[] { "priority", "queued_at", "item_index" },
                filter: "state = 'queued'");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_consumed_at",
                table: "inbox_messages",
                column: "consumed_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_sent_at",
                table: "outbox_messages",
                column: "sent_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_waiting",
                table: "outbox_messages",
                column: "sequence_number",
                filter: "sent_at IS NULL");
        
            // "How is job X doing", now with cancelled items, the queue and the deadline:
            // SELECT * FROM job_overview WHERE job_id = ...
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
                       ROUND((julianday(s.completed_at) - julianday(s.created_at)) * 86400, 3) AS duration_seconds,
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
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_batch_job_state_deadline_at",
                table: "batch_job_state");

            migrationBuilder.DropIndex(
                name: "ix_batch_job_state_retry_of",
                table: "batch_job_state");

            migrationBuilder.DropIndex(
                name: "ix_batch_items_leases",
                table: "batch_items");

            migrationBuilder.DropIndex(
                name: "ix_batch_items_queue",
                table: "batch_items");

            migrationBuilder.DropColumn(
                name: "cancelled_count",
                table: "batch_job_state");

            migrationBuilder.DropColumn(
                name: "deadline_at",
                table: "batch_job_state");

            migrationBuilder.DropColumn(
                name: "device_scale_factor",
                table: "batch_job_state");

            migrationBuilder.DropColumn(
                name: "quality",
                table: "batch_job_state");

            migrationBuilder.DropColumn(
                name: "retry_of",
                table: "batch_job_state");

            migrationBuilder.DropColumn(
                name: "claims",
                table: "batch_items");

            migrationBuilder.DropColumn(
                name: "lease_expires_at",
                table: "batch_items");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "batch_items");

            migrationBuilder.DropColumn(
                name: "queued_at",
                table: "batch_items");

            migrationBuilder.DropColumn(
                name: "state",
                table: "batch_items");

            migrationBuilder.Sql("""
                CREATE VIEW job_overview AS
                SELECT s.correlation_id AS job_id,
                       s.current_state AS state,
                       s.template_key || '@' || s.template_version AS template,
                       s.client,
                       s.total_items,
                       s.succeeded_count AS succeeded,
                       s.failed_count AS failed,
                       s.succeeded_count + s.failed_count AS processed,
                       s.total_items - s.succeeded_count - s.failed_count AS remaining,
                       ROUND(100.0 * (s.succeeded_count + s.failed_count) / NULLIF(s.total_items, 0), 1) AS percent_done,
                       s.created_at,
                       s.dispatched_at,
                       s.completed_at,
                       ROUND((julianday(s.completed_at) - julianday(s.created_at)) * 86400, 3) AS duration_seconds,
                       (SELECT COUNT(*) FROM poster_results r WHERE r.job_id = s.correlation_id) AS result_rows,
                       (SELECT r.error FROM poster_results r WHERE r.job_id = s.correlation_id AND r.status = 'failed'
                         ORDER BY r.id DESC LIMIT 1) AS last_error
                FROM batch_job_state s;
                """);
        }
    }
}
