using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>
/// A browser whose cookies the test can read and replay: no automatic redirects, cookies kept by hand from Set-Cookie, so a
/// test can save the sign-in cookie and send it again later (as an attacker with a copied cookie would).
/// </summary>
public sealed partial class CookieJarClient(HttpClient http)
{
    public const string SignInCookie = "survey.researcher";

    public static CookieJarClient For(SurveyAppFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    public async Task<(HttpStatusCode Status, string? Location, string Html)> GetAsync(string url, string? withCookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(request, withCookie);
    }

    public async Task<(HttpStatusCode Status, string? Location, string Html)> PostAsync(string url, string html, params (string Name, string Value)[] fields)
    {
        var token = TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]),
        };
        return await SendAsync(request, null);
    }

    /// <summary>Signs in on the English login page; returns the sign-in cookie's value.</summary>
    public async Task<string> SignInAsync(string user, string password)
    {
        var login = await GetAsync("/en/research/login");
        var signedIn = await PostAsync("/en/research/login", login.Html, ("username", user), ("password", password));
        Assert.Equal((HttpStatusCode.Redirect, "/en/research"), (signedIn.Status, signedIn.Location));
        return Cookies[SignInCookie];
    }

    private async Task<(HttpStatusCode Status, string? Location, string Html)> SendAsync(HttpRequestMessage request, string? withCookie)
    {
        var cookies = withCookie is null ? Cookies : new Dictionary<string, string>(Cookies) { [SignInCookie] = withCookie };
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        using var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0].Split('=', 2);
                if (pair[1].Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    Cookies.Remove(pair[0]);
                }
                else
                {
                    Cookies[pair[0]] = pair[1];
                }
            }
        }
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
