using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Survey.Data.Migrations.Sqlite;

// Written by hand (no `dotnet ef` here); Migrate_EmptyDatabase_SchemaEqualsModel checks it against the model.
// Adds the hashes of resume codes sent today, so a retried final submit after a restart shows the closing page. The table
// is WITHOUT ROWID: rows are kept in the order of their hash, not of their insertion, so their position in the file says
// nothing about which response (also stored in insertion order) they belong to. EF cannot express WITHOUT ROWID, hence SQL.
[DbContext(typeof(SurveyDbContext))]
[Migration("20261206100000_CompletedCodes")]
public sealed class CompletedCodes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(
            """
            CREATE TABLE "CompletedCodes" (
                "Hash" TEXT NOT NULL CONSTRAINT "PK_CompletedCodes" PRIMARY KEY,
                "Day" TEXT NOT NULL
            ) WITHOUT ROWID;
            """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "CompletedCodes");

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        SurveyDbContextModelSnapshot.BuildSqliteModel(modelBuilder, includeResearchers: true, includeSnapshotWeights: true, includeCompletedCodes: true);
}
