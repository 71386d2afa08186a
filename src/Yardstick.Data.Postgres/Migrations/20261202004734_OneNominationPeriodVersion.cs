using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yardstick.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OneNominationPeriodVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Awards_OrganisationId_PeriodId_Rule_Person",
                table: "Awards");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Periods",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // scoring.md §11: one award nomination per (period, rule, person), whatever the scope. Of nominations already
            // stored twice (imports under two scopes), the newest (the highest id, the last imported) is kept; each one
            // removed gets an audit entry with its values and the id of the nomination kept.
            migrationBuilder.Sql("""
                INSERT INTO "Audit" ("OrganisationId", "Actor", "At", "Entity", "EntityKey", "Action", "Before", "After")
                SELECT a."OrganisationId", 'migration OneNominationPeriodVersion', now(), 'AwardRow',
                       a."PeriodId"::text || '/' || a."Rule" || '/' || a."Person", 'delete',
                       json_build_object('AmountMinor', a."AmountMinor", 'ApprovedBy', a."ApprovedBy", 'EquityUnits', a."EquityUnits", 'Id', a."Id",
                                   'ImportId', a."ImportId", 'KeptId', (SELECT MAX(b."Id") FROM "Awards" b WHERE b."OrganisationId" = a."OrganisationId"
                                       AND b."PeriodId" = a."PeriodId" AND b."Rule" = a."Rule" AND b."Person" = a."Person"),
                                   'NominatedBy', a."NominatedBy", 'OrganisationId', a."OrganisationId", 'PeriodId', a."PeriodId",
                                   'Person', a."Person", 'Rule', a."Rule", 'Source', a."Source")::text,
                       NULL
                FROM "Awards" a
                WHERE EXISTS (SELECT 1 FROM "Awards" b WHERE b."OrganisationId" = a."OrganisationId" AND b."PeriodId" = a."PeriodId"
                              AND b."Rule" = a."Rule" AND b."Person" = a."Person" AND b."Id" > a."Id")
                ORDER BY a."Id";
                """);
            migrationBuilder.Sql("""
                DELETE FROM "Awards"
                WHERE EXISTS (SELECT 1 FROM "Awards" b WHERE b."OrganisationId" = "Awards"."OrganisationId" AND b."PeriodId" = "Awards"."PeriodId"
                              AND b."Rule" = "Awards"."Rule" AND b."Person" = "Awards"."Person" AND b."Id" > "Awards"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Awards_OrganisationId_PeriodId_Rule_Person",
                table: "Awards",
                columns: new[] { "OrganisationId", "PeriodId", "Rule", "Person" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Awards_OrganisationId_PeriodId_Rule_Person",
                table: "Awards");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Periods");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_OrganisationId_PeriodId_Rule_Person",
                table: "Awards",
                columns: new[] { "OrganisationId", "PeriodId", "Rule", "Person" });
        }
    }
}
