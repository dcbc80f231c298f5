using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosterGen.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PosterResultWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "warnings",
                table: "poster_results",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "warnings",
                table: "poster_results");
        }
    }
}
