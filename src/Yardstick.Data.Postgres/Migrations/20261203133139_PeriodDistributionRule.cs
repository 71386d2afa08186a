using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yardstick.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PeriodDistributionRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DistributionRule",
                table: "Periods",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DistributionRule",
                table: "Periods");
        }
    }
}
