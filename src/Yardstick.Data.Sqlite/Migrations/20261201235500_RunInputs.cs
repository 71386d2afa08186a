using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yardstick.Data.Sqlite.Migrations
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
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<byte[]>(
                name: "Inputs",
                table: "Runs",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<string>(
                name: "InputsFingerprint",
                table: "Runs",
                type: "TEXT",
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
