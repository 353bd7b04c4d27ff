using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Survey.Data.Migrations.Sqlite;

// Written by hand (no `dotnet ef` here); Migrate_EmptyDatabase_SchemaEqualsModel checks it against the model.
// Adds each snapshot's per-response weights, for the weighted microdata download.
[DbContext(typeof(SurveyDbContext))]
[Migration("20261122020000_SnapshotWeights")]
public sealed class SnapshotWeights : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "WeightsJson", table: "ResultSnapshots", type: "TEXT", nullable: false, defaultValue: "[]");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "WeightsJson", table: "ResultSnapshots");

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        SurveyDbContextModelSnapshot.BuildSqliteModel(modelBuilder, includeResearchers: true, includeSnapshotWeights: true);
}
