using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Survey.Data.Migrations.Sqlite;

// Written by hand (no `dotnet ef` here); Migrate_EmptyDatabase_SchemaEqualsModel checks it against the model.
// A failed results run keeps its reason as a locale key with its values, so the researcher page shows it in its own
// language from the key; the English text (Error) stays for the audit trail and the logs. Runs that failed before have
// no key: the page recognises their English text as before (RunErrors.TranslateOlderRow).
[DbContext(typeof(SurveyDbContext))]
[Migration("20261208000000_RunErrorKeys")]
public sealed class RunErrorKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ErrorKey", table: "ResultRuns", type: "TEXT", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>(name: "ErrorArguments", table: "ResultRuns", type: "TEXT", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "ErrorArguments", table: "ResultRuns");
        migrationBuilder.DropColumn(name: "ErrorKey", table: "ResultRuns");
    }

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        SurveyDbContextModelSnapshot.BuildSqliteModel(modelBuilder, includeResearchers: true, includeSnapshotWeights: true, includeCompletedCodes: true, includeResearcherSessions: true, includePanel: true, includeUnorderedResponses: true, includeRunErrorKeys: true);
}
