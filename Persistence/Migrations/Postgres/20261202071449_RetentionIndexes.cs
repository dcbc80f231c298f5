using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosterGen.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RetentionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_poster_results_storage_key",
                table: "poster_results",
                column: "storage_key");

            migrationBuilder.CreateIndex(
                name: "ix_batch_job_state_completed_at",
                table: "batch_job_state",
                column: "completed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_poster_results_storage_key",
                table: "poster_results");

            migrationBuilder.DropIndex(
                name: "ix_batch_job_state_completed_at",
                table: "batch_job_state");
        }
    }
}
