using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Survey.Web.Infrastructure;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>
/// The per-client limits with their shipped values. Each test is its own client (an address forwarded by the configured
/// proxy), so the tests do not share a budget; a second address shows the limit is per client.
/// </summary>
public sealed class RateLimitTests : IClassFixture<RealRateLimitsAppFactory>
{
    private readonly RealRateLimitsAppFactory _app;

    public RateLimitTests(RealRateLimitsAppFactory app) => _app = app;

    private RateLimitOptions Limits => _app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private RespondentClient Client(string address)
    {
        var http = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return new RespondentClient(http);
    }

    [Fact]
    public void Limits_AsShipped_AreTheDocumentedValues()
    {
        Assert.Equal((20, 600), (Limits.SurveyStarts.PermitLimit, Limits.SurveyStarts.WindowSeconds));
        Assert.Equal((10, 600), (Limits.CodeLookups.PermitLimit, Limits.CodeLookups.WindowSeconds));
        Assert.Equal((600, 60), (Limits.AnswerPages.PermitLimit, Limits.AnswerPages.WindowSeconds));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::")]
    public void ClientKey_Address_IsTheAddressOrItsIPv6Slash64(string address, string key)
    {
        Assert.Equal(key, RateLimits.ClientKey(System.Net.IPAddress.Parse(address)));
    }

    [Fact]
    public async Task Start_BurstFromOneClient_RefusedWith429PageInLanguageAndNoDraft()
    {
        var client = Client("203.0.113.21");
        var intro = await client.GetAsync("/en/flowtest");
        var drafts = _app.WithDb(db => db.Drafts.Count());
        for (var i = 0; i < Limits.SurveyStarts.PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(intro)).Status);
        }

        var refused = await client.PostAsync(intro);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Please wait a moment", refused.Text, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal(drafts + Limits.SurveyStarts.PermitLimit, _app.WithDb(db => db.Drafts.Count()));
        var neighbour = Client("203.0.113.22");
        Assert.Equal(HttpStatusCode.OK, (await neighbour.PostAsync(await neighbour.GetAsync("/nl/flowtest"))).Status);
    }

    [Fact]
    public async Task Resume_BurstOfCodesFromOneClient_RefusedWith429PageInLanguage()
    {
        var client = Client("203.0.113.31");
        var form = await client.GetAsync("/nl/resume");
        for (var i = 0; i < Limits.CodeLookups.PermitLimit; i++)
        {
            var guess = await client.PostAsync(form, ("code", $"ABCDE-FGHJK-{i:D5}"));
            Assert.Contains("Deze code kennen we niet", guess.Text, StringComparison.Ordinal);
        }

        using var refused = await client.Http.PostAsync("/nl/resume", new FormUrlEncodedContent([new("code", "ABCDE-FGHJK-MNPQR"), new("__RequestVerificationToken", form.AntiforgeryToken!)]));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null, "Retry-After");
        Assert.Contains("Even wachten", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        SecurityHeadersAssert.Present(refused);
    }

    [Fact]
    public async Task QuestionPage_GuessingCodesByAddress_RefusedWith429()
    {
        var client = Client("203.0.113.41");
        var limit = Limits.AnswerPages.PermitLimit;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HtmlPage? refused = null;
        var sent = 0;
        // The window is a minute: on a very slow machine permits come back during the burst, so allow for more requests
        // but never fewer than the limit, and the exact limit whenever the burst fits in the window.
        while (refused is null && sent < 3 * limit)
        {
            var guess = await client.GetAsync($"/en/flowtest/ABCDEFGHJK{sent:D5}/first");
            sent++;
            if (guess.Status == HttpStatusCode.TooManyRequests)
            {
                refused = guess;
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, guess.Status);
            }
        }

        Assert.NotNull(refused);
        Assert.Contains("Please wait a moment", refused.Text, StringComparison.Ordinal);
        Assert.True(sent > limit, $"refused after {sent - 1} requests, below the limit of {limit}");
        if (clock.Elapsed < TimeSpan.FromSeconds(Limits.AnswerPages.WindowSeconds))
        {
            Assert.Equal(limit + 1, sent);
        }
    }

    [Theory]
    [InlineData("203.0.113.51", "/en/flowtest?code=ABCDE-FGHJK-{0:D5}", HttpStatusCode.OK)]
    [InlineData("203.0.113.52", "/en/flowtest/ABCDEFGHJK{0:D5}/check", HttpStatusCode.NotFound)]
    public async Task PageWithCodeInAddress_GuessingCodes_RefusedWith429(string address, string pattern, HttpStatusCode unknown)
    {
        var client = Client(address);
        var limit = Limits.AnswerPages.PermitLimit;
        HtmlPage? refused = null;
        var sent = 0;
        // As above: never refused below the limit; a slow machine may let a few more through as the window slides.
        while (refused is null && sent < 3 * limit)
        {
            var guess = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, sent));
            sent++;
            if (guess.Status == HttpStatusCode.TooManyRequests)
            {
                refused = guess;
            }
            else
            {
                Assert.Equal(unknown, guess.Status);
            }
        }

        Assert.NotNull(refused);
        Assert.Contains("Please wait a moment", refused.Text, StringComparison.Ordinal);
        Assert.True(sent > limit, $"refused after {sent - 1} requests, below the limit of {limit}");
    }
}
