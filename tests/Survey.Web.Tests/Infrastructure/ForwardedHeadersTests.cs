using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Survey.Web.Tests.Pages.Research;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>Behind a TLS-terminating proxy that is configured (<c>Proxy:KnownProxies</c>), cookies are Secure.</summary>
public sealed partial class ForwardedHeadersTests : IClassFixture<RealRateLimitsAppFactory>
{
    private readonly RealRateLimitsAppFactory _app;

    public ForwardedHeadersTests(RealRateLimitsAppFactory app) => _app = app;

    [Fact]
    public async Task SignIn_ThroughConfiguredProxyOverHttps_AntiforgeryAndSignInCookiesAreSecure()
    {
        var user = await ResearcherSignIn.CreateAccountAsync(_app);
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var loginRequest = Https(HttpMethod.Get, "/en/research/login");
        using var login = await client.SendAsync(loginRequest);
        var antiforgery = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("survey.af=", StringComparison.Ordinal));
        var token = TokenPattern().Match(await login.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = Https(HttpMethod.Post, "/en/research/login");
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        post.Content = new FormUrlEncodedContent([new("username", user), new("password", ResearcherSignIn.Password), new("__RequestVerificationToken", token)]);
        using var signedIn = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("survey.researcher=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_ThroughConfiguredProxyOverHttp_CookieIsNotMarkedSecure()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/en/flowtest");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("survey.af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpRequestMessage Https(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.8");
        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
