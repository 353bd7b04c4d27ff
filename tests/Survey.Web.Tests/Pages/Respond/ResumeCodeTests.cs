using System.Net;
using System.Text.RegularExpressions;
using Survey.Data;
using Survey.Web.Pages.Respond;

namespace Survey.Web.Tests.Pages.Respond;

[Collection(AppFixtureGroup.Name)]
public sealed partial class ResumeCodeTests(SurveyAppFactory app)
{
    [Fact]
    public async Task Start_NewCode_HasAtLeast64RandomBitsShownInGroupsWithoutAmbiguousCharacters()
    {
        var codes = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            codes.Add((await RespondentClient.For(app).StartAsync("en", "flowtest")).ResumeCode);
        }

        // 32 symbols carry 5 bits each.
        Assert.All(codes, c => Assert.True(c.Length * 5 >= 64, $"{c} has {c.Length * 5} bits"));
        Assert.All(codes, c => Assert.Matches(ShownCode(), ResumeCode.Display(c)));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Resume_TenCharacterCodeOfAnExistingDraft_StillContinues()
    {
        const string legacy = "7KQ2MXR4TD";
        app.WithDb(db =>
        {
            db.Drafts.RemoveRange(db.Drafts.Where(d => d.Token == legacy));
            db.Drafts.Add(new Draft
            {
                Token = legacy, SurveyId = "flowtest", SurveyVersion = 1, Language = "nl", AnswersJson = "{}", ReachedPages = "[\"first\"]",
                StartedOn = new DateOnly(2026, 11, 1), UpdatedOn = new DateOnly(2026, 11, 1),
            });
            return db.SaveChanges();
        });
        var client = RespondentClient.For(app);

        var resumed = await client.PostAsync(await client.GetAsync("/en/resume"), ("code", "7kq2m-xr4td"));

        Assert.Equal(HttpStatusCode.OK, resumed.Status);
        Assert.Equal($"/en/flowtest/{legacy}/first", resumed.Path);
        Assert.Contains("7KQ2M-XR4TD", resumed.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7KQ2M-XR4TD-9HWPB", "7KQ2MXR4TD9HWPB")]
    [InlineData(" 7kq2m xr4td 9hwpb ", "7KQ2MXR4TD9HWPB")]
    [InlineData("7KQ2M-XR4TD-9HWPO", "7KQ2MXR4TD9HWP0")]
    [InlineData("7KQ2M-XR4TD-9HWP", null)]
    [InlineData("7KQ2M-XR4TD-9HWPU", null)]
    public void Normalize_TypedCode_AcceptsWhatPeopleType(string typed, string? expected)
    {
        Assert.Equal(expected, ResumeCode.Normalize(typed));
    }

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")]
    private static partial Regex ShownCode();
}
