using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yardstick.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProductOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProductOwners",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProductId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EmployeeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductOwners", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProductOwners_EmployeeId",
                table: "ProductOwners",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProductOwners_ProductId_EmployeeId",
                table: "ProductOwners",
                columns: new[] { "ProductId", "EmployeeId" },
                unique: true);

            // each product's single owner becomes its ProductOwner row before the column goes
            migrationBuilder.Sql("INSERT INTO \"ProductOwners\" (\"ProductId\", \"EmployeeId\") SELECT \"Id\", \"OwnerId\" FROM \"Products\" WHERE \"OwnerId\" IS NOT NULL;");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Products");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Products",
                type: "text",
                nullable: true);

            // one owner per product again: the lowest employee id (ordinal) among its owners
            migrationBuilder.Sql("UPDATE \"Products\" SET \"OwnerId\" = (SELECT MIN(o.\"EmployeeId\" COLLATE \"C\") FROM \"ProductOwners\" o WHERE o.\"ProductId\" = \"Products\".\"Id\");");

            migrationBuilder.DropTable(
                name: "ProductOwners");
        }
    }
}
