using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Survey.Web.Tests.Pages.Respond;

[Collection(AppFixtureGroup.Name)]
public sealed class CompletionTests(SurveyAppFactory app)
{
    private static async Task<HtmlPage> CompleteFlowtestAsync(RespondentClient client, string language)
    {
        var first = await client.StartAsync(language, "flowtest");
        var second = await client.PostAsync(first, ("colour", "blue"), ("age", "42"), ("remark", "  fine  "), ("nav", "next"));
        var third = await client.PostAsync(second, ("pets", "cat"), ("pets", "fish"), ("mark", "8"), ("nav", "next"));
        var last = await client.PostAsync(third, ("why_blue", "It is calm"), ("nav", "next"));
        var check = await client.PostAsync(last,
            ("district", "merenwijk"), ("grid:a", "1"), ("grid:b", "2"), ("moved", "2015"),
            ("day:day", "15"), ("day:month", "3"), ("day:year", "2024"), ("nav", "next"));
        Assert.EndsWith("/check", check.Path, StringComparison.Ordinal);
        return await client.PostAsync(check);
    }

    [Theory]
    [InlineData("nl", "Dank voor het testen.")]
    [InlineData("en", "Thanks for testing.")]
    public async Task Complete_EveryQuestionType_StoresNormalisedAnswersAndShowsClosingText(string language, string closing)
    {
        var client = RespondentClient.For(app);
        var before = app.WithDb(db => db.Responses.Select(r => r.Id).ToList());

        var done = await CompleteFlowtestAsync(client, language);

        Assert.EndsWith("/flowtest/done", done.Path, StringComparison.Ordinal);
        Assert.Contains(closing, done.Text, StringComparison.Ordinal);
        var response = app.WithDb(db => db.Responses.Include(r => r.Answers).AsNoTracking().Single(r => !before.Contains(r.Id)));
        Assert.Equal(language, response.Language);
        Assert.Equal(new DateOnly(2026, 11, 21), response.CompletedOn);
        Assert.Equal(1, response.SurveyVersion);
        var answers = response.Answers.Select(a => $"{a.QuestionId}|{a.Item}|{a.Code}|{a.Text}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                "age|||42", "colour||blue|", "day|||2024-03-15", "district||merenwijk|", "grid|a|1|", "grid|b|2|", "mark||8|",
                "moved|||2015", "pets||cat|", "pets||fish|", "remark|||fine", "why_blue|||It is calm",
            },
            answers);
    }

    [Fact]
    public async Task Complete_WithUniqueUserAgent_LeavesNoTraceOfDeviceOrAddressInDatabaseFile()
    {
        var userAgent = "AnonymityProbe/" + Guid.NewGuid().ToString("N");
        var client = RespondentClient.For(app, userAgent);

        var done = await CompleteFlowtestAsync(client, "en");
        Assert.EndsWith("/done", done.Path, StringComparison.Ordinal);

        app.WithDb(db => db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);"));
        var files = new[] { app.DatabasePath, app.DatabasePath + "-wal", app.DatabasePath + "-shm" }.Where(File.Exists).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in new[] { userAgent, SurveyAppFactory.ClientAddress.ToString() })
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)), $"{Path.GetFileName(file)} contains '{secret}'");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(secret)), $"{Path.GetFileName(file)} contains '{secret}' (UTF-16)");
            }
        }
    }

    [Fact]
    public async Task Complete_ResponseKeepsOnlyTheDay_AndNothingOfTheResumeCode()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("en", "flowtest");
        var code = first.ResumeCode;
        var second = await client.PostAsync(first, ("colour", "red"), ("age", "42"), ("nav", "next"));
        var last = await client.PostAsync(second, ("nav", "next"));
        var check = await client.PostAsync(last, ("nav", "next"));
        await client.PostAsync(check);

        Assert.False(app.WithDb(db => db.Drafts.Any(d => d.Token == code)));
        var columns = app.WithDb(db => db.Model.FindEntityType(typeof(Survey.Data.SurveyResponse))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(new[] { "CompletedOn", "Id", "Language", "SurveyId", "SurveyVersion" }, columns);
        app.WithDb(db => db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);"));
        var bytes = File.ReadAllBytes(app.DatabasePath);
        Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(code)));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
