using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>Sign-in sessions end on the server: at sign-out (a copied cookie is refused) and after an absolute lifetime.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class SessionTests(SurveyAppFactory app)
{
    [Fact]
    public async Task Logout_CookieSavedBeforeSignOut_IsRefusedAfterwards()
    {
        var user = await ResearcherSignIn.CreateAccountAsync(app);
        var browser = CookieJarClient.For(app);
        var saved = await browser.SignInAsync(user, ResearcherSignIn.Password);
        var research = await browser.GetAsync("/en/research");
        Assert.Equal(HttpStatusCode.OK, research.Status);

        var logout = await browser.PostAsync("/en/research/login?handler=Logout", research.Html);
        var replayed = await CookieJarClient.For(app).GetAsync("/en/research", withCookie: saved);

        Assert.Equal(HttpStatusCode.Redirect, logout.Status);
        Assert.Equal(HttpStatusCode.Redirect, replayed.Status);
        Assert.StartsWith("/en/research/login", replayed.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ActiveSessionPastAbsoluteLifetime_IsSentToSignIn()
    {
        var user = await ResearcherSignIn.CreateAccountAsync(app);
        var browser = CookieJarClient.For(app);
        await browser.SignInAsync(user, ResearcherSignIn.Password);
        var start = app.Clock.GetUtcNow();
        try
        {
            // Active every 4.5 hours: the sliding cookie (8 hours) is renewed each time, but the sign-in is 12 hours at most.
            var statuses = new List<HttpStatusCode>();
            foreach (var hours in new[] { 4.5, 9.0, 11.5, 13.0 })
            {
                app.Clock.Set(start + TimeSpan.FromHours(hours));
                statuses.Add((await browser.GetAsync("/en/research")).Status);
            }

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Redirect], statuses);
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task Get_AccountRoleChangedAfterSignIn_SessionEnds()
    {
        var user = await ResearcherSignIn.CreateAccountAsync(app);
        var browser = CookieJarClient.For(app);
        var saved = await browser.SignInAsync(user, ResearcherSignIn.Password);

        await app.WithScope(sp => sp.GetRequiredService<Survey.Data.ResearcherAccounts>().SetAdminAsync(user, true));
        var after = await CookieJarClient.For(app).GetAsync("/en/research", withCookie: saved);

        Assert.Equal(HttpStatusCode.Redirect, after.Status);
    }
}
