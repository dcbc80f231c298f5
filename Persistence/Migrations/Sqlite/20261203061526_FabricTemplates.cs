using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosterGen.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FabricTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "html",
                table: "template_versions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "fabric_json",
                table: "template_versions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "variable_mappings",
                table: "template_versions",
                type: "TEXT",
                nullable: false,
                defaultValueSql: "'[]'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_template_versions_html_or_fabric_json",
                table: "template_versions",
                sql: "(html IS NULL) <> (fabric_json IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_template_versions_html_or_fabric_json",
                table: "template_versions");

            migrationBuilder.DropColumn(
                name: "fabric_json",
                table: "template_versions");

            migrationBuilder.DropColumn(
                name: "variable_mappings",
                table: "template_versions");

            migrationBuilder.AlterColumn<string>(
                name: "html",
                table: "template_versions",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
