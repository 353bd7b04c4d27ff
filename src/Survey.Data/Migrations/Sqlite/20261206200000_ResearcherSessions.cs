using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Survey.Data.Migrations.Sqlite;

// Written by hand (no `dotnet ef` here); Migrate_EmptyDatabase_SchemaEqualsModel checks it against the model.
// Researchers get the administrator role (jobs dashboard) and a security stamp that sign-out renews, so a cookie saved
// before sign-out is refused. Existing accounts get a random stamp each (their old cookies carry none and are refused).
[DbContext(typeof(SurveyDbContext))]
[Migration("20261206200000_ResearcherSessions")]
public sealed class ResearcherSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "IsAdmin", table: "Researchers", type: "INTEGER", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>(name: "SecurityStamp", table: "Researchers", type: "TEXT", maxLength: 64, nullable: false, defaultValue: "");
        migrationBuilder.Sql("UPDATE Researchers SET SecurityStamp = lower(hex(randomblob(16)));");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "SecurityStamp", table: "Researchers");
        migrationBuilder.DropColumn(name: "IsAdmin", table: "Researchers");
    }

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        SurveyDbContextModelSnapshot.BuildSqliteModel(modelBuilder, includeResearchers: true, includeSnapshotWeights: true, includeCompletedCodes: true, includeResearcherSessions: true);
}
