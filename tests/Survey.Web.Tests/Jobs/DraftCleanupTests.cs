using Microsoft.Extensions.DependencyInjection;
using Survey.Web.Jobs;

namespace Survey.Web.Tests.Jobs;

[Collection(AppFixtureGroup.Name)]
public sealed class DraftCleanupTests(SurveyAppFactory app)
{
    [Fact]
    public async Task Run_DraftUntouchedForLongerThanRetention_IsDeletedAndRecentOneKept()
    {
        var client = RespondentClient.For(app);
        var old = (await client.StartAsync("en", "flowtest")).ResumeCode;
        app.Clock.Advance(TimeSpan.FromDays(20));
        var recent = (await client.StartAsync("en", "flowtest")).ResumeCode;
        app.Clock.Advance(TimeSpan.FromDays(11));
        try
        {
            await app.WithScope(sp => sp.GetRequiredService<DraftCleanup>().RunAsync(CancellationToken.None));

            Assert.False(app.WithDb(db => db.Drafts.Any(d => d.Token == old)));
            Assert.True(app.WithDb(db => db.Drafts.Any(d => d.Token == recent)));
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-31));
        }
    }
}
