using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Survey.Data.Migrations.Sqlite;

// Written by hand (no `dotnet ef` here); Migrate_EmptyDatabase_SchemaEqualsModel checks it against the model.
// Adds the researcher accounts (sign-in for the results pages); no link to responses, drafts or results.
[DbContext(typeof(SurveyDbContext))]
[Migration("20261122010000_Researchers")]
public sealed class Researchers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Researchers",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                PasswordHash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Researchers", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_Researchers_UserName", table: "Researchers", column: "UserName", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "Researchers");

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        SurveyDbContextModelSnapshot.BuildSqliteModel(modelBuilder, includeResearchers: true, includeSnapshotWeights: false);
}
