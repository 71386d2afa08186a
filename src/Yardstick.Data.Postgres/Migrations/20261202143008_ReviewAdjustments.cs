using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yardstick.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReviewAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "Periods",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DistributionRule",
                table: "Organisations",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "ManagersSeePay",
                table: "Organisations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "MaxAdjustmentPoints",
                table: "Organisations",
                type: "numeric",
                nullable: false,
                defaultValue: 10.00m);

            migrationBuilder.AddColumn<int>(
                name: "MinGroupSize",
                table: "Organisations",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<bool>(
                name: "PreliminaryToSelf",
                table: "Organisations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Adjustments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    PeriodId = table.Column<int>(type: "integer", nullable: false),
                    Person = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Indicator = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "numeric", nullable: false),
                    Grade = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Author = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Adjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Adjustments_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.UpdateData(
                table: "Organisations",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "DistributionRule", "ManagersSeePay", "MaxAdjustmentPoints", "MinGroupSize", "PreliminaryToSelf" },
                values: new object[] { "", false, 10.00m, 10, false });

            migrationBuilder.CreateIndex(
                name: "IX_Adjustments_OrganisationId_PeriodId_Person_Kind_Indicator",
                table: "Adjustments",
                columns: new[] { "OrganisationId", "PeriodId", "Person", "Kind", "Indicator" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Adjustments");

            migrationBuilder.DropColumn(
                name: "SubmittedBy",
                table: "Periods");

            migrationBuilder.DropColumn(
                name: "DistributionRule",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "ManagersSeePay",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "MaxAdjustmentPoints",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "MinGroupSize",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "PreliminaryToSelf",
                table: "Organisations");
        }
    }
}
