using System.Net;
using Survey.Testing;

namespace Survey.Web.Tests.Pages.Panel;

/// <summary>The shipped limits: 5 sign-ups per client an hour, 30 personal-link requests per client a minute.</summary>
public sealed class PanelRateLimitTests : IDisposable
{
    private readonly RealRateLimitsAppFactory _app = new();

    [Fact]
    public async Task SignUp_SixthFromOneClient_IsRefusedWhileAnotherClientCanSignUp()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await SignUpAsync("203.0.113.7"));
        }
        var other = await SignUpAsync("203.0.113.8");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task PersonalLinks_GuessingFromOneClient_IsLimited()
    {
        var client = RespondentClient.For(_app);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            statuses.Add((await client.GetAsync($"/en/panel/me/{PanelData.TokenOf(_app, Guid.NewGuid())}")).Status);
        }

        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
    }

    private async Task<HttpStatusCode> SignUpAsync(string address)
    {
        var client = RespondentClient.For(_app);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        var page = await client.GetAsync("/en/panel");
        var done = await client.PostAsync(page, ("email", PanelData.NewEmail()), ("language", "en"), ("consent", "yes"));
        return done.Status;
    }

    public void Dispose() => _app.Dispose();
}
