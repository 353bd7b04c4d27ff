using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Web.Infrastructure;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>
/// Failed researcher sign-ins are limited per user name and per client address. On an app of its own: the address limit
/// would otherwise lock the other tests' logins out (every test request comes from the same address).
/// </summary>
public sealed class LoginThrottleTests(SurveyAppFactory app) : IClassFixture<SurveyAppFactory>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Login_SixthAttemptAfterFiveWrongPasswords_RefusedEvenWithRightPasswordUntilWindowPasses()
    {
        var user = await CreateAccountAsync();
        var client = RespondentClient.For(app);
        var page = await client.GetAsync("/nl/research/login");
        for (var i = 0; i < LoginThrottle.MaxFailuresPerUser; i++)
        {
            page = await client.PostAsync(page, ("username", user), ("password", "not the password"));
            Assert.True(page.Contains("De gebruikersnaam of het wachtwoord klopt niet."));
        }

        var refused = await client.PostAsync(page, ("username", user.ToUpperInvariant()), ("password", Password));

        Assert.Equal((HttpStatusCode.OK, "/nl/research/login"), (refused.Status, refused.Path));
        Assert.True(refused.Contains("Te veel mislukte pogingen voor deze gebruikersnaam. Probeer het over 15 minuten opnieuw."), refused.Text);
        Assert.Contains("role=\"alert\"", refused.Html, StringComparison.Ordinal);
        app.Clock.Advance(LoginThrottle.Window - TimeSpan.FromMinutes(1));
        var stillRefused = await client.PostAsync(refused, ("username", user), ("password", Password));
        Assert.True(stillRefused.Contains("Te veel mislukte pogingen voor deze gebruikersnaam."), stillRefused.Text);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var signedIn = await client.PostAsync(stillRefused, ("username", user), ("password", Password));
        Assert.Equal("/nl/research", signedIn.Path);
    }

    [Fact]
    public async Task Login_RightPasswordAfterFourWrongOnes_StartsTheCountAfresh()
    {
        var user = await CreateAccountAsync();
        await FailAsync(user, 4);
        Assert.Equal("/en/research", (await SignInAsync(user)).Path);

        await FailAsync(user, 4);
        var page = await SignInAsync(user);

        Assert.Equal("/en/research", page.Path);
    }

    [Fact]
    public async Task Login_TwentyFailuresFromOneAddressForOtherNames_RefusesEveryNameWithAddressMessageUntilWindowPasses()
    {
        app.Clock.Advance(LoginThrottle.Window); // the other tests' failures from this address are forgotten
        var user = await CreateAccountAsync();
        try
        {
            for (var i = 0; i < LoginThrottle.MaxFailuresPerAddress; i++)
            {
                await FailAsync("nobody" + i, 1);
            }

            var refused = await SignInAsync(user);

            Assert.Equal((HttpStatusCode.OK, "/en/research/login"), (refused.Status, refused.Path));
            // The address's limit says nothing about this name: the message must not suggest it exists (or was guessed at).
            Assert.True(refused.Contains("Too many failed sign-in attempts from this connection. Try again in 15 minutes."), refused.Text);
            Assert.DoesNotContain("user name.", refused.Text, StringComparison.Ordinal);
            app.Clock.Advance(LoginThrottle.Window);
            Assert.Equal("/en/research", (await SignInAsync(user)).Path);
        }
        finally
        {
            app.Clock.Advance(LoginThrottle.Window);
        }
    }

    private async Task FailAsync(string user, int times)
    {
        var client = RespondentClient.For(app);
        var page = await client.GetAsync("/en/research/login");
        for (var i = 0; i < times; i++)
        {
            page = await client.PostAsync(page, ("username", user), ("password", "not the password"));
            Assert.True(page.Contains("The user name or password is not right."), page.Text);
        }
    }

    private async Task<HtmlPage> SignInAsync(string user)
    {
        var client = RespondentClient.For(app);
        var login = await client.GetAsync("/en/research/login");
        return await client.PostAsync(login, ("username", user), ("password", Password));
    }

    private async Task<string> CreateAccountAsync()
    {
        var user = "r" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ResearcherAccounts>().CreateAsync(user, Password);
        return user;
    }
}
