using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;

namespace Survey.Web.Tests.Results;

/// <summary>
/// The real app on its own database for the results tests: its background runs must not meet the other slice tests
/// (which move the shared clock by days, and so would fire the nightly recomputation in the middle of these tests).
/// </summary>
public sealed class ResultsAppFactory : SurveyAppFactory
{
    public const string SurveyId = "weighttest";
    public const int Version = 3;
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(90);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Results:DebounceSeconds", ((int)Debounce.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The three retries without a wait, so that a failing run goes through Hangfire's retries within a test.
        builder.UseSetting("Results:RetryDelayMinutes:0", "0");
        builder.UseSetting("Results:RetryDelayMinutes:1", "0");
        builder.UseSetting("Results:RetryDelayMinutes:2", "0");
        builder.UseSetting("Jobs:SchedulePollSeconds", "0.2");
        builder.UseSetting("Jobs:QueuePollSeconds", "0.2");
    }

    /// <summary>
    /// Replaces the test survey's responses by <paramref name="count"/> made-up ones to the current version (plus two to an
    /// older version, which results must ignore). Every category of every margin has respondents unless left out with
    /// <paramref name="without"/> (a nationality_group code).
    /// </summary>
    public async Task SeedAsync(int count, string? without = null)
    {
        await using var scope = Services.CreateAsyncScope();
        await SeedAsync(scope.ServiceProvider.GetRequiredService<SurveyDbContext>(), count, without);
    }

    /// <summary>As <see cref="SeedAsync(int, string?)"/>, on any context (a database before the app starts).</summary>
    public static async Task SeedAsync(SurveyDbContext db, int count, string? without = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Responses.Where(r => r.SurveyId == SurveyId).ExecuteDeleteAsync();
        string[] groups = ["nl", "nl", "nl", "eu", "non_eu", "nl"];
        for (var i = 0; i < count; i++)
        {
            var group = groups[i % groups.Length] == without ? "nl" : groups[i % groups.Length];
            db.Responses.Add(Response(Version, i,
                ("age", null, i % 5 < 3 ? "old" : "young", null),
                ("gender", null, i % 7 == 6 ? "na" : i % 4 < 2 ? "man" : "woman", null),
                ("nationality", null, group, null),
                ("safe", null, i % 4 == 0 ? "no" : "yes", null),
                ("transport", null, "bike", null),
                ("transport", null, i % 2 == 0 ? "bus" : null, null),
                ("mark", null, ((i % 5) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), null),
                ("grid", "parks", i % 3 == 0 ? "1" : "2", null),
                ("grid", "streets", "2", null),
                ("years", null, null, (i % 30).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("remark", null, null, "free text is not a result")));
        }
        db.Responses.Add(Response(Version - 1, 0, ("age", null, "old", null)));
        db.Responses.Add(Response(Version - 1, 1, ("age", null, "young", null)));
        await db.SaveChangesAsync();
    }

    private static SurveyResponse Response(int version, int i, params (string Question, string? Item, string? Code, string? Text)[] answers)
    {
        var response = new SurveyResponse
        {
            Id = Guid.NewGuid(), SurveyId = SurveyId, SurveyVersion = version, Language = i % 2 == 0 ? "nl" : "en",
            CompletedOn = new DateOnly(2026, 11, 21),
        };
        foreach (var a in answers.Where(a => a.Code is not null || a.Text is not null))
        {
            response.Answers.Add(new ResponseAnswer { QuestionId = a.Question, Item = a.Item, Code = a.Code, Text = a.Text });
        }
        return response;
    }
}

/// <summary>One results app for the results tests; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ResultsFixtureGroup : ICollectionFixture<ResultsAppFactory>
{
    public const string Name = "results";
}
