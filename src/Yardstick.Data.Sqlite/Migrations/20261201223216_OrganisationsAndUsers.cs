using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Yardstick.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationsAndUsers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // every record there is belongs to the organisation every database starts with, 'default' (id 1)
            migrationBuilder.DropIndex(
                name: "IX_Waivers_PeriodId_Person_Indicator",
                table: "Waivers");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Teams",
                table: "Teams");

            migrationBuilder.DropIndex(
                name: "IX_TeamMembers_EmployeeId",
                table: "TeamMembers");

            migrationBuilder.DropIndex(
                name: "IX_TeamMembers_TeamId_EmployeeId",
                table: "TeamMembers");

            migrationBuilder.DropIndex(
                name: "IX_Scorecards_RunId_Person",
                table: "Scorecards");

            migrationBuilder.DropIndex(
                name: "IX_SchemeVersions_Code_Version",
                table: "SchemeVersions");

            migrationBuilder.DropIndex(
                name: "IX_Salaries_EmployeeId_EffectiveFrom",
                table: "Salaries");

            migrationBuilder.DropIndex(
                name: "IX_Runs_PeriodId_Number",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Requests_PeriodId_ExternalId",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_RatingResponses_RaterId_Question",
                table: "RatingResponses");

            migrationBuilder.DropIndex(
                name: "IX_RatingRaters_CampaignId_Ratee_Rater",
                table: "RatingRaters");

            migrationBuilder.DropIndex(
                name: "IX_ProductStages_ProductId_From",
                table: "ProductStages");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Products",
                table: "Products");

            migrationBuilder.DropIndex(
                name: "IX_ProductOwners_EmployeeId",
                table: "ProductOwners");

            migrationBuilder.DropIndex(
                name: "IX_ProductOwners_ProductId_EmployeeId",
                table: "ProductOwners");

            migrationBuilder.DropIndex(
                name: "IX_Periods_Label",
                table: "Periods");

            migrationBuilder.DropIndex(
                name: "IX_PayoutLines_RunId_Person_Position",
                table: "PayoutLines");

            migrationBuilder.DropIndex(
                name: "IX_Imports_PeriodId_Kind_Scope",
                table: "Imports");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Employees",
                table: "Employees");

            migrationBuilder.DropIndex(
                name: "IX_Employees_ManagerId",
                table: "Employees");

            migrationBuilder.DropIndex(
                name: "IX_Awards_PeriodId_Rule_Person",
                table: "Awards");

            migrationBuilder.DropIndex(
                name: "IX_Audit_Entity_EntityKey",
                table: "Audit");

            migrationBuilder.DropIndex(
                name: "IX_Actuals_PeriodId_ScopeKind_ScopeId_Indicator",
                table: "Actuals");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "Organisations",
                newName: "NameZh");

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Waivers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Teams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "TeamMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Scorecards",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "SchemeVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Salaries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "RatingResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "RatingRaters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "RatingCampaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "ProductStages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "ProductOwners",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Periods",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "PayoutLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "Organisations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "Organisations",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "MilestoneEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Employees",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Awards",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Audit",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Actuals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Teams",
                table: "Teams",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Products",
                table: "Products",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Employees",
                table: "Employees",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Employees_OrganisationId_EmployeeId",
                        columns: x => new { x.OrganisationId, x.EmployeeId },
                        principalTable: "Employees",
                        principalColumns: new[] { "OrganisationId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "Id", "ConcurrencyStamp", "Name", "NormalizedName" },
                values: new object[,]
                {
                    { "admin", "admin", "admin", "ADMIN" },
                    { "finance", "finance", "finance", "FINANCE" }
                });

            migrationBuilder.UpdateData(
                table: "Organisations",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "Code", "NameEn", "NameZh" },
                values: new object[] { "default", "Default organisation", "默认组织" });

            migrationBuilder.CreateIndex(
                name: "IX_Waivers_OrganisationId_PeriodId_Person_Indicator",
                table: "Waivers",
                columns: new[] { "OrganisationId", "PeriodId", "Person", "Indicator" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_OrganisationId_EmployeeId",
                table: "TeamMembers",
                columns: new[] { "OrganisationId", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_OrganisationId_TeamId_EmployeeId",
                table: "TeamMembers",
                columns: new[] { "OrganisationId", "TeamId", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Scorecards_OrganisationId_RunId_Person",
                table: "Scorecards",
                columns: new[] { "OrganisationId", "RunId", "Person" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchemeVersions_OrganisationId_Code_Version",
                table: "SchemeVersions",
                columns: new[] { "OrganisationId", "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Salaries_OrganisationId_EmployeeId_EffectiveFrom",
                table: "Salaries",
                columns: new[] { "OrganisationId", "EmployeeId", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_OrganisationId_PeriodId_Number",
                table: "Runs",
                columns: new[] { "OrganisationId", "PeriodId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Requests_OrganisationId_PeriodId_ExternalId",
                table: "Requests",
                columns: new[] { "OrganisationId", "PeriodId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingResponses_OrganisationId_RaterId_Question",
                table: "RatingResponses",
                columns: new[] { "OrganisationId", "RaterId", "Question" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingRaters_OrganisationId_CampaignId_Ratee_Rater",
                table: "RatingRaters",
                columns: new[] { "OrganisationId", "CampaignId", "Ratee", "Rater" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingCampaigns_OrganisationId",
                table: "RatingCampaigns",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProductStages_OrganisationId_ProductId_From",
                table: "ProductStages",
                columns: new[] { "OrganisationId", "ProductId", "From" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProductOwners_OrganisationId_EmployeeId",
                table: "ProductOwners",
                columns: new[] { "OrganisationId", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductOwners_OrganisationId_ProductId_EmployeeId",
                table: "ProductOwners",
                columns: new[] { "OrganisationId", "ProductId", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Periods_OrganisationId_Label",
                table: "Periods",
                columns: new[] { "OrganisationId", "Label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PayoutLines_OrganisationId_RunId_Person_Position",
                table: "PayoutLines",
                columns: new[] { "OrganisationId", "RunId", "Person", "Position" },
                unique: true);

            // only 'default' (id 1) existed before; should any other row exist, it gets a code of its own
            migrationBuilder.Sql("""UPDATE "Organisations" SET "Code" = 'org' || "Id" WHERE "Code" = ''""");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Code",
                table: "Organisations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MilestoneEvents_OrganisationId",
                table: "MilestoneEvents",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Imports_OrganisationId_PeriodId_Kind_Scope",
                table: "Imports",
                columns: new[] { "OrganisationId", "PeriodId", "Kind", "Scope" });

            migrationBuilder.CreateIndex(
                name: "IX_Employees_OrganisationId_ManagerId",
                table: "Employees",
                columns: new[] { "OrganisationId", "ManagerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Awards_OrganisationId_PeriodId_Rule_Person",
                table: "Awards",
                columns: new[] { "OrganisationId", "PeriodId", "Rule", "Person" });

            migrationBuilder.CreateIndex(
                name: "IX_Audit_OrganisationId_Entity_EntityKey",
                table: "Audit",
                columns: new[] { "OrganisationId", "Entity", "EntityKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Actuals_OrganisationId_PeriodId_ScopeKind_ScopeId_Indicator",
                table: "Actuals",
                columns: new[] { "OrganisationId", "PeriodId", "ScopeKind", "ScopeId", "Indicator" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OrganisationId",
                table: "AspNetUsers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OrganisationId_EmployeeId",
                table: "AspNetUsers",
                columns: new[] { "OrganisationId", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Actuals_Organisations_OrganisationId",
                table: "Actuals",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Audit_Organisations_OrganisationId",
                table: "Audit",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Awards_Organisations_OrganisationId",
                table: "Awards",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Employees_Organisations_OrganisationId",
                table: "Employees",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Imports_Organisations_OrganisationId",
                table: "Imports",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_MilestoneEvents_Organisations_OrganisationId",
                table: "MilestoneEvents",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_PayoutLines_Organisations_OrganisationId",
                table: "PayoutLines",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Periods_Organisations_OrganisationId",
                table: "Periods",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ProductOwners_Organisations_OrganisationId",
                table: "ProductOwners",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Products_Organisations_OrganisationId",
                table: "Products",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ProductStages_Organisations_OrganisationId",
                table: "ProductStages",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_RatingCampaigns_Organisations_OrganisationId",
                table: "RatingCampaigns",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_RatingRaters_Organisations_OrganisationId",
                table: "RatingRaters",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_RatingResponses_Organisations_OrganisationId",
                table: "RatingResponses",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Requests_Organisations_OrganisationId",
                table: "Requests",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Runs_Organisations_OrganisationId",
                table: "Runs",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Salaries_Organisations_OrganisationId",
                table: "Salaries",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_SchemeVersions_Organisations_OrganisationId",
                table: "SchemeVersions",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Scorecards_Organisations_OrganisationId",
                table: "Scorecards",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_TeamMembers_Organisations_OrganisationId",
                table: "TeamMembers",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Teams_Organisations_OrganisationId",
                table: "Teams",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Waivers_Organisations_OrganisationId",
                table: "Waivers",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // back to one organisation: fails on the restored keys while two organisations hold the same ids
            migrationBuilder.DropForeignKey(
                name: "FK_Actuals_Organisations_OrganisationId",
                table: "Actuals");

            migrationBuilder.DropForeignKey(
                name: "FK_Audit_Organisations_OrganisationId",
                table: "Audit");

            migrationBuilder.DropForeignKey(
                name: "FK_Awards_Organisations_OrganisationId",
                table: "Awards");

            migrationBuilder.DropForeignKey(
                name: "FK_Employees_Organisations_OrganisationId",
                table: "Employees");

            migrationBuilder.DropForeignKey(
                name: "FK_Imports_Organisations_OrganisationId",
                table: "Imports");

            migrationBuilder.DropForeignKey(
                name: "FK_MilestoneEvents_Organisations_OrganisationId",
                table: "MilestoneEvents");

            migrationBuilder.DropForeignKey(
                name: "FK_PayoutLines_Organisations_OrganisationId",
                table: "PayoutLines");

            migrationBuilder.DropForeignKey(
                name: "FK_Periods_Organisations_OrganisationId",
                table: "Periods");

            migrationBuilder.DropForeignKey(
                name: "FK_ProductOwners_Organisations_OrganisationId",
                table: "ProductOwners");

            migrationBuilder.DropForeignKey(
                name: "FK_Products_Organisations_OrganisationId",
                table: "Products");

            migrationBuilder.DropForeignKey(
                name: "FK_ProductStages_Organisations_OrganisationId",
                table: "ProductStages");

            migrationBuilder.DropForeignKey(
                name: "FK_RatingCampaigns_Organisations_OrganisationId",
                table: "RatingCampaigns");

            migrationBuilder.DropForeignKey(
                name: "FK_RatingRaters_Organisations_OrganisationId",
                table: "RatingRaters");

            migrationBuilder.DropForeignKey(
                name: "FK_RatingResponses_Organisations_OrganisationId",
                table: "RatingResponses");

            migrationBuilder.DropForeignKey(
                name: "FK_Requests_Organisations_OrganisationId",
                table: "Requests");

            migrationBuilder.DropForeignKey(
                name: "FK_Runs_Organisations_OrganisationId",
                table: "Runs");

            migrationBuilder.DropForeignKey(
                name: "FK_Salaries_Organisations_OrganisationId",
                table: "Salaries");

            migrationBuilder.DropForeignKey(
                name: "FK_SchemeVersions_Organisations_OrganisationId",
                table: "SchemeVersions");

            migrationBuilder.DropForeignKey(
                name: "FK_Scorecards_Organisations_OrganisationId",
                table: "Scorecards");

            migrationBuilder.DropForeignKey(
                name: "FK_TeamMembers_Organisations_OrganisationId",
                table: "TeamMembers");

            migrationBuilder.DropForeignKey(
                name: "FK_Teams_Organisations_OrganisationId",
                table: "Teams");

            migrationBuilder.DropForeignKey(
                name: "FK_Waivers_Organisations_OrganisationId",
                table: "Waivers");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_Waivers_OrganisationId_PeriodId_Person_Indicator",
                table: "Waivers");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Teams",
                table: "Teams");

            migrationBuilder.DropIndex(
                name: "IX_TeamMembers_OrganisationId_EmployeeId",
                table: "TeamMembers");

            migrationBuilder.DropIndex(
                name: "IX_TeamMembers_OrganisationId_TeamId_EmployeeId",
                table: "TeamMembers");

            migrationBuilder.DropIndex(
                name: "IX_Scorecards_OrganisationId_RunId_Person",
                table: "Scorecards");

            migrationBuilder.DropIndex(
                name: "IX_SchemeVersions_OrganisationId_Code_Version",
                table: "SchemeVersions");

            migrationBuilder.DropIndex(
                name: "IX_Salaries_OrganisationId_EmployeeId_EffectiveFrom",
                table: "Salaries");

            migrationBuilder.DropIndex(
                name: "IX_Runs_OrganisationId_PeriodId_Number",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Requests_OrganisationId_PeriodId_ExternalId",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_RatingResponses_OrganisationId_RaterId_Question",
                table: "RatingResponses");

            migrationBuilder.DropIndex(
                name: "IX_RatingRaters_OrganisationId_CampaignId_Ratee_Rater",
                table: "RatingRaters");

            migrationBuilder.DropIndex(
                name: "IX_RatingCampaigns_OrganisationId",
                table: "RatingCampaigns");

            migrationBuilder.DropIndex(
                name: "IX_ProductStages_OrganisationId_ProductId_From",
                table: "ProductStages");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Products",
                table: "Products");

            migrationBuilder.DropIndex(
                name: "IX_ProductOwners_OrganisationId_EmployeeId",
                table: "ProductOwners");

            migrationBuilder.DropIndex(
                name: "IX_ProductOwners_OrganisationId_ProductId_EmployeeId",
                table: "ProductOwners");

            migrationBuilder.DropIndex(
                name: "IX_Periods_OrganisationId_Label",
                table: "Periods");

            migrationBuilder.DropIndex(
                name: "IX_PayoutLines_OrganisationId_RunId_Person_Position",
                table: "PayoutLines");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Code",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_MilestoneEvents_OrganisationId",
                table: "MilestoneEvents");

            migrationBuilder.DropIndex(
                name: "IX_Imports_OrganisationId_PeriodId_Kind_Scope",
                table: "Imports");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Employees",
                table: "Employees");

            migrationBuilder.DropIndex(
                name: "IX_Employees_OrganisationId_ManagerId",
                table: "Employees");

            migrationBuilder.DropIndex(
                name: "IX_Awards_OrganisationId_PeriodId_Rule_Person",
                table: "Awards");

            migrationBuilder.DropIndex(
                name: "IX_Audit_OrganisationId_Entity_EntityKey",
                table: "Audit");

            migrationBuilder.DropIndex(
                name: "IX_Actuals_OrganisationId_PeriodId_ScopeKind_ScopeId_Indicator",
                table: "Actuals");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Waivers");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "TeamMembers");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Scorecards");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "SchemeVersions");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Salaries");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "RatingResponses");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "RatingRaters");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "RatingCampaigns");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "ProductStages");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "ProductOwners");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Periods");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "PayoutLines");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "MilestoneEvents");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Employees");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Awards");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Audit");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Actuals");

            migrationBuilder.RenameColumn(
                name: "NameZh",
                table: "Organisations",
                newName: "Name");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Teams",
                table: "Teams",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Products",
                table: "Products",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Employees",
                table: "Employees",
                column: "Id");

            migrationBuilder.UpdateData(
                table: "Organisations",
                keyColumn: "Id",
                keyValue: 1,
                column: "Name",
                value: "default");

            migrationBuilder.CreateIndex(
                name: "IX_Waivers_PeriodId_Person_Indicator",
                table: "Waivers",
                columns: new[] { "PeriodId", "Person", "Indicator" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_EmployeeId",
                table: "TeamMembers",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_TeamId_EmployeeId",
                table: "TeamMembers",
                columns: new[] { "TeamId", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Scorecards_RunId_Person",
                table: "Scorecards",
                columns: new[] { "RunId", "Person" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchemeVersions_Code_Version",
                table: "SchemeVersions",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Salaries_EmployeeId_EffectiveFrom",
                table: "Salaries",
                columns: new[] { "EmployeeId", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_PeriodId_Number",
                table: "Runs",
                columns: new[] { "PeriodId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Requests_PeriodId_ExternalId",
                table: "Requests",
                columns: new[] { "PeriodId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingResponses_RaterId_Question",
                table: "RatingResponses",
                columns: new[] { "RaterId", "Question" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingRaters_CampaignId_Ratee_Rater",
                table: "RatingRaters",
                columns: new[] { "CampaignId", "Ratee", "Rater" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProductStages_ProductId_From",
                table: "ProductStages",
                columns: new[] { "ProductId", "From" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProductOwners_EmployeeId",
                table: "ProductOwners",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProductOwners_ProductId_EmployeeId",
                table: "ProductOwners",
                columns: new[] { "ProductId", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Periods_Label",
                table: "Periods",
                column: "Label",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PayoutLines_RunId_Person_Position",
                table: "PayoutLines",
                columns: new[] { "RunId", "Person", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Imports_PeriodId_Kind_Scope",
                table: "Imports",
                columns: new[] { "PeriodId", "Kind", "Scope" });

            migrationBuilder.CreateIndex(
                name: "IX_Employees_ManagerId",
                table: "Employees",
                column: "ManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_PeriodId_Rule_Person",
                table: "Awards",
                columns: new[] { "PeriodId", "Rule", "Person" });

            migrationBuilder.CreateIndex(
                name: "IX_Audit_Entity_EntityKey",
                table: "Audit",
                columns: new[] { "Entity", "EntityKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Actuals_PeriodId_ScopeKind_ScopeId_Indicator",
                table: "Actuals",
                columns: new[] { "PeriodId", "ScopeKind", "ScopeId", "Indicator" },
                unique: true);
        }
    }
}
