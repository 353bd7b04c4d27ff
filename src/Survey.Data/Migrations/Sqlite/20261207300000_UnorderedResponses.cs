using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Survey.Data.Migrations.Sqlite;

// Written by hand (no `dotnet ef` here); Migrate_EmptyDatabase_SchemaEqualsModel checks it against the model.
// Responses and their answers without any order of completion (README, "Invitations and anonymity"). Before, Responses was
// an ordinary rowid table (rows kept in insertion order, each with a hidden increasing rowid) and ResponseAnswers had an
// AUTOINCREMENT id: both told the order in which responses were sent, which an invitation's answer day could then be
// matched against. Both become WITHOUT ROWID tables keyed by random values: Responses by its random (v4) GUID,
// ResponseAnswers by that GUID and a random 63-bit number, so a row's place in the file and every id are random. The
// existing rows are copied in key order (random with respect to completion). EF cannot express WITHOUT ROWID, hence SQL.
[DbContext(typeof(SurveyDbContext))]
[Migration("20261207300000_UnorderedResponses")]
public sealed class UnorderedResponses : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        // Rename first, so that no DROP TABLE ever cascades (foreign keys are on) into the copied answers: renaming
        // Responses also repoints the old answers' foreign key at the renamed table, which is then dropped after them.
        migrationBuilder.Sql(
            """
            ALTER TABLE "ResponseAnswers" RENAME TO "ef_old_ResponseAnswers";
            ALTER TABLE "Responses" RENAME TO "ef_old_Responses";
            CREATE TABLE "Responses" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_Responses" PRIMARY KEY,
                "SurveyId" TEXT NOT NULL,
                "SurveyVersion" INTEGER NOT NULL,
                "Language" TEXT NOT NULL,
                "CompletedOn" TEXT NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO "Responses" ("Id", "SurveyId", "SurveyVersion", "Language", "CompletedOn")
                SELECT "Id", "SurveyId", "SurveyVersion", "Language", "CompletedOn" FROM "ef_old_Responses" ORDER BY "Id";
            CREATE TABLE "ResponseAnswers" (
                "Id" INTEGER NOT NULL,
                "ResponseId" TEXT NOT NULL,
                "QuestionId" TEXT NOT NULL,
                "Item" TEXT NULL,
                "Code" TEXT NULL,
                "Text" TEXT NULL,
                CONSTRAINT "PK_ResponseAnswers" PRIMARY KEY ("ResponseId", "Id"),
                CONSTRAINT "FK_ResponseAnswers_Responses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "Responses" ("Id") ON DELETE CASCADE
            ) WITHOUT ROWID;
            INSERT INTO "ResponseAnswers" ("Id", "ResponseId", "QuestionId", "Item", "Code", "Text")
                SELECT (random() & 9223372036854775807), "ResponseId", "QuestionId", "Item", "Code", "Text" FROM "ef_old_ResponseAnswers" ORDER BY "ResponseId", "Id";
            DROP TABLE "ef_old_ResponseAnswers";
            DROP TABLE "ef_old_Responses";
            CREATE INDEX "IX_Responses_SurveyId_SurveyVersion" ON "Responses" ("SurveyId", "SurveyVersion");
            """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(
            """
            ALTER TABLE "ResponseAnswers" RENAME TO "ef_old_ResponseAnswers";
            ALTER TABLE "Responses" RENAME TO "ef_old_Responses";
            CREATE TABLE "Responses" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_Responses" PRIMARY KEY,
                "SurveyId" TEXT NOT NULL,
                "SurveyVersion" INTEGER NOT NULL,
                "Language" TEXT NOT NULL,
                "CompletedOn" TEXT NOT NULL
            );
            INSERT INTO "Responses" SELECT "Id", "SurveyId", "SurveyVersion", "Language", "CompletedOn" FROM "ef_old_Responses" ORDER BY "Id";
            CREATE TABLE "ResponseAnswers" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_ResponseAnswers" PRIMARY KEY AUTOINCREMENT,
                "ResponseId" TEXT NOT NULL,
                "QuestionId" TEXT NOT NULL,
                "Item" TEXT NULL,
                "Code" TEXT NULL,
                "Text" TEXT NULL,
                CONSTRAINT "FK_ResponseAnswers_Responses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "Responses" ("Id") ON DELETE CASCADE
            );
            INSERT INTO "ResponseAnswers" ("ResponseId", "QuestionId", "Item", "Code", "Text")
                SELECT "ResponseId", "QuestionId", "Item", "Code", "Text" FROM "ef_old_ResponseAnswers" ORDER BY "ResponseId", "Id";
            DROP TABLE "ef_old_ResponseAnswers";
            DROP TABLE "ef_old_Responses";
            CREATE INDEX "IX_Responses_SurveyId_SurveyVersion" ON "Responses" ("SurveyId", "SurveyVersion");
            CREATE INDEX "IX_ResponseAnswers_ResponseId" ON "ResponseAnswers" ("ResponseId");
            """);

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        SurveyDbContextModelSnapshot.BuildSqliteModel(modelBuilder, includeResearchers: true, includeSnapshotWeights: true, includeCompletedCodes: true, includeResearcherSessions: true, includePanel: true, includeUnorderedResponses: true);
}
