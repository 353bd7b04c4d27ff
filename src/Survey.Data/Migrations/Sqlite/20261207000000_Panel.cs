using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Survey.Data.Migrations.Sqlite;

// Written by hand (no `dotnet ef` here); Migrate_EmptyDatabase_SchemaEqualsModel checks it against the model.
// The International Panel and paper invitations: members (contact data and coarse profile), waves, invitations (token
// hashes only), the mail outbox, and imported sample frames of addresses. Drafts may point at the invitation they were
// started from, until completion; responses never do.
[DbContext(typeof(SurveyDbContext))]
[Migration("20261207000000_Panel")]
public sealed class Panel : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "InvitationId", table: "Drafts", type: "INTEGER", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Drafts_InvitationId", table: "Drafts", column: "InvitationId");

        migrationBuilder.CreateTable(
            name: "PanelMembers",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Nationality = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                District = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                AgeBand = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                Status = table.Column<int>(type: "INTEGER", nullable: false),
                Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                ConfirmedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                ConfirmExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                ManageTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PanelMembers", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_PanelMembers_Email", table: "PanelMembers", column: "Email", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PanelMembers_ManageTokenHash", table: "PanelMembers", column: "ManageTokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PanelMembers_Status", table: "PanelMembers", column: "Status");

        migrationBuilder.CreateTable(
            name: "Waves",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                SurveyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Kind = table.Column<int>(type: "INTEGER", nullable: false),
                SelectionJson = table.Column<string>(type: "TEXT", nullable: false),
                StratifyBy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                SendAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                ReminderDays = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Waves", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Waves_SurveyId", table: "Waves", column: "SurveyId");

        migrationBuilder.CreateTable(
            name: "SampleFrames",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Source = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                ImportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SampleFrames", x => x.Id));

        migrationBuilder.CreateTable(
            name: "FrameUnits",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                FrameId = table.Column<int>(type: "INTEGER", nullable: false),
                AddressLine = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                District = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                AgeBand = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FrameUnits", x => x.Id);
                table.ForeignKey(name: "FK_FrameUnits_SampleFrames_FrameId", column: x => x.FrameId, principalTable: "SampleFrames", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_FrameUnits_FrameId", table: "FrameUnits", column: "FrameId");

        migrationBuilder.CreateTable(
            name: "Invitations",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                WaveId = table.Column<int>(type: "INTEGER", nullable: false),
                MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                FrameUnitId = table.Column<long>(type: "INTEGER", nullable: true),
                Stratum = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Status = table.Column<int>(type: "INTEGER", nullable: false),
                MailedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                BounceReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                RemindersSent = table.Column<int>(type: "INTEGER", nullable: false),
                AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Invitations", x => x.Id);
                table.ForeignKey(name: "FK_Invitations_FrameUnits_FrameUnitId", column: x => x.FrameUnitId, principalTable: "FrameUnits", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey(name: "FK_Invitations_PanelMembers_MemberId", column: x => x.MemberId, principalTable: "PanelMembers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey(name: "FK_Invitations_Waves_WaveId", column: x => x.WaveId, principalTable: "Waves", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Invitations_FrameUnitId", table: "Invitations", column: "FrameUnitId");
        migrationBuilder.CreateIndex(name: "IX_Invitations_MemberId", table: "Invitations", column: "MemberId");
        migrationBuilder.CreateIndex(name: "IX_Invitations_TokenHash", table: "Invitations", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Invitations_WaveId_Status", table: "Invitations", columns: ["WaveId", "Status"]);

        migrationBuilder.CreateTable(
            name: "Outbox",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Template = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                ToAddress = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                InvitationId = table.Column<long>(type: "INTEGER", nullable: true),
                State = table.Column<int>(type: "INTEGER", nullable: false),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                NotBefore = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                SentAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Outbox", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Outbox_InvitationId", table: "Outbox", column: "InvitationId");
        migrationBuilder.CreateIndex(name: "IX_Outbox_Key", table: "Outbox", column: "Key", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Outbox_MemberId", table: "Outbox", column: "MemberId");
        migrationBuilder.CreateIndex(name: "IX_Outbox_State_NotBefore", table: "Outbox", columns: ["State", "NotBefore"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Outbox");
        migrationBuilder.DropTable(name: "Invitations");
        migrationBuilder.DropTable(name: "FrameUnits");
        migrationBuilder.DropTable(name: "SampleFrames");
        migrationBuilder.DropTable(name: "Waves");
        migrationBuilder.DropTable(name: "PanelMembers");
        migrationBuilder.DropIndex(name: "IX_Drafts_InvitationId", table: "Drafts");
        migrationBuilder.DropColumn(name: "InvitationId", table: "Drafts");
    }

    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        SurveyDbContextModelSnapshot.BuildSqliteModel(modelBuilder, includeResearchers: true, includeSnapshotWeights: true, includeCompletedCodes: true, includeResearcherSessions: true, includePanel: true);
}
