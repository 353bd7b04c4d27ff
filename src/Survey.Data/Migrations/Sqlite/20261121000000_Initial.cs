using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Survey.Data.Migrations.Sqlite;

// Written by hand (no `dotnet ef` here); Migrate_EmptyDatabase_SchemaEqualsModel checks it against the model.
[DbContext(typeof(SurveyDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Drafts",
            columns: table => new
            {
                Token = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                SurveyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                SurveyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                ReachedPages = table.Column<string>(type: "TEXT", nullable: false),
                StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                UpdatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Drafts", x => x.Token));

        migrationBuilder.CreateTable(
            name: "Responses",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                SurveyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                SurveyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Responses", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ResponseAnswers",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                QuestionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Item = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ResponseAnswers", x => x.Id);
                table.ForeignKey(
                    name: "FK_ResponseAnswers_Responses_ResponseId",
                    column: x => x.ResponseId,
                    principalTable: "Responses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_Drafts_UpdatedOn", table: "Drafts", column: "UpdatedOn");
        migrationBuilder.CreateIndex(
            name: "IX_Responses_SurveyId_SurveyVersion", table: "Responses", columns: ["SurveyId", "SurveyVersion"]);
        migrationBuilder.CreateIndex(name: "IX_ResponseAnswers_ResponseId", table: "ResponseAnswers", column: "ResponseId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Drafts");
        migrationBuilder.DropTable(name: "ResponseAnswers");
        migrationBuilder.DropTable(name: "Responses");
    }

    // The model this migration was written for: the snapshot's body as it was before the second migration
    // (20261122000000_Results), pasted here so later model changes do not alter this migration's target.
    protected override void BuildTargetModel(ModelBuilder modelBuilder) => BuildInitialModel(modelBuilder);

    private static void BuildInitialModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

        modelBuilder.Entity("Survey.Data.Draft", b =>
        {
            b.Property<string>("Token").HasMaxLength(32).HasColumnType("TEXT");
            b.Property<string>("AnswersJson").IsRequired().HasColumnType("TEXT");
            b.Property<string>("Language").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("ReachedPages").IsRequired().HasColumnType("TEXT");
            b.Property<DateOnly>("StartedOn").HasColumnType("TEXT");
            b.Property<string>("SurveyId").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<int>("SurveyVersion").HasColumnType("INTEGER");
            b.Property<DateOnly>("UpdatedOn").HasColumnType("TEXT");
            b.Property<int>("Version").IsConcurrencyToken().HasColumnType("INTEGER");
            b.HasKey("Token");
            b.HasIndex("UpdatedOn");
            b.ToTable("Drafts");
        });

        modelBuilder.Entity("Survey.Data.ResponseAnswer", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("Code").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("Item").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("QuestionId").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<Guid>("ResponseId").HasColumnType("TEXT");
            b.Property<string>("Text").HasMaxLength(4000).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("ResponseId");
            b.ToTable("ResponseAnswers");
        });

        modelBuilder.Entity("Survey.Data.SurveyResponse", b =>
        {
            b.Property<Guid>("Id").ValueGeneratedOnAdd().HasColumnType("TEXT");
            b.Property<DateOnly>("CompletedOn").HasColumnType("TEXT");
            b.Property<string>("Language").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("SurveyId").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<int>("SurveyVersion").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("SurveyId", "SurveyVersion");
            b.ToTable("Responses");
        });

        modelBuilder.Entity("Survey.Data.ResponseAnswer", b =>
        {
            b.HasOne("Survey.Data.SurveyResponse", null)
                .WithMany("Answers")
                .HasForeignKey("ResponseId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Survey.Data.SurveyResponse", b => b.Navigation("Answers"));
    }
}
