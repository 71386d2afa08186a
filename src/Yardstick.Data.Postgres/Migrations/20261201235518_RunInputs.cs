using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yardstick.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RunInputs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MissingCodes",
                table: "Scorecards",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<byte[]>(
                name: "Inputs",
                table: "Runs",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<string>(
                name: "InputsFingerprint",
                table: "Runs",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MissingCodes",
                table: "Scorecards");

            migrationBuilder.DropColumn(
                name: "Inputs",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "InputsFingerprint",
                table: "Runs");
        }
    }
}
