using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yardstick.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OrgImportsAwardsRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RespondedAt",
                table: "RatingRaters",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ImportId",
                table: "MilestoneEvents",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PeriodId",
                table: "MilestoneEvents",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Awards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PeriodId = table.Column<int>(type: "integer", nullable: false),
                    ImportId = table.Column<long>(type: "bigint", nullable: true),
                    Rule = table.Column<string>(type: "text", nullable: false),
                    Person = table.Column<string>(type: "text", nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    EquityUnits = table.Column<decimal>(type: "numeric", nullable: true),
                    NominatedBy = table.Column<string>(type: "text", nullable: false),
                    ApprovedBy = table.Column<string>(type: "text", nullable: true),
                    Source = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Awards", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MilestoneEvents_ImportId",
                table: "MilestoneEvents",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_ImportId",
                table: "Awards",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_PeriodId_Rule_Person",
                table: "Awards",
                columns: new[] { "PeriodId", "Rule", "Person" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Awards");

            migrationBuilder.DropIndex(
                name: "IX_MilestoneEvents_ImportId",
                table: "MilestoneEvents");

            migrationBuilder.DropColumn(
                name: "RespondedAt",
                table: "RatingRaters");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "MilestoneEvents");

            migrationBuilder.DropColumn(
                name: "PeriodId",
                table: "MilestoneEvents");
        }
    }
}
