using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Survey.Web.Tests.Infrastructure;

[Collection(AppFixtureGroup.Name)]
public sealed class HttpHardeningTests(SurveyAppFactory app)
{
    public static TheoryData<string, string> MethodsAndPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "TRACE", "PUT", "DELETE", "PATCH", "OPTIONS" })
        {
            foreach (var path in new[] { "/nl", "/en/flowtest", "/en/flowtest/ABCDEFGHJKMNPQR/first", "/en/resume", "/nl/research", "/en/research/login", "/nl/research/flowtest" })
            {
                data.Add(method, path);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndPages))]
    public async Task Request_UnsupportedMethod_Is405WithAllowHeaderSecurityHeadersAndPageInLanguage(string method, string path)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        SecurityHeadersAssert.Present(response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(path.StartsWith("/en", StringComparison.Ordinal) ? "This is not possible here" : "Dit kan hier niet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "Er ging iets mis")]
    [InlineData("en", "Something went wrong")]
    public async Task Get_ServerErrorOutsideDevelopment_ShowsErrorPageInLanguageWithSecurityHeadersAndNoStackTrace(string language, string title)
    {
        var first = await RespondentClient.For(app).StartAsync(language, "flowtest");
        var code = first.ResumeCode;
        // A draft the app cannot read: reading it throws deep inside the page.
        app.WithDb(db => db.Database.ExecuteSqlRaw("UPDATE Drafts SET AnswersJson = {0} WHERE Token = {1}", "{not json", code));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(first.Path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        SecurityHeadersAssert.Present(response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Survey.Web", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownPage_Is404WithSecurityHeaders()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/en/no-such-survey/ABCDEFGHJKMNPQR/first");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        SecurityHeadersAssert.Present(response);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookies_ForwardedProtoFromUnconfiguredAddress_IsIgnored()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/en/flowtest");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("survey.af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The headers every response carries, error or not.</summary>
public static class SecurityHeadersAssert
{
    public static void Present(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.StartsWith("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.True(response.Headers.Contains("Permissions-Policy"));
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.False(response.Headers.Contains("Server"));
    }
}
