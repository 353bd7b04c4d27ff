using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Survey.Data.Migrations.Sqlite;

// Written by hand (no `dotnet ef` here); Migrate_EmptyDatabase_SchemaEqualsModel checks it against the model.
// Adds the researcher-side result runs and snapshots; the response tables are untouched and get no link to them.
[DbContext(typeof(SurveyDbContext))]
[Migration("20261122000000_Results")]
public sealed class Results : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ResultRuns",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                SurveyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Progress = table.Column<int>(type: "INTEGER", nullable: false),
                Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                RequestedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                FinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ResultRuns", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ResultSnapshots",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                SurveyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                SurveyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                ComputedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                ResponseCount = table.Column<int>(type: "INTEGER", nullable: false),
                ReportJson = table.Column<string>(type: "TEXT", nullable: false),
                CellsJson = table.Column<string>(type: "TEXT", nullable: false),
                TestsJson = table.Column<string>(type: "TEXT", nullable: false),
                GroupVariable = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                RunId = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ResultSnapshots", x => x.Id);
                table.ForeignKey(
                    name: "FK_ResultSnapshots_ResultRuns_RunId",
                    column: x => x.RunId,
                    principalTable: "ResultRuns",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(name: "IX_ResultRuns_SurveyId", table: "ResultRuns", column: "SurveyId");
        migrationBuilder.CreateIndex(name: "IX_ResultSnapshots_RunId", table: "ResultSnapshots", column: "RunId");
        migrationBuilder.CreateIndex(name: "IX_ResultSnapshots_SurveyId", table: "ResultSnapshots", column: "SurveyId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ResultSnapshots");
        migrationBuilder.DropTable(name: "ResultRuns");
    }

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        SurveyDbContextModelSnapshot.BuildSqliteModel(modelBuilder, includeResearchers: false);
}
