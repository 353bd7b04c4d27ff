using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Survey.Web.Tests;

/// <summary>A page as the browser got it: final address, status and html.</summary>
public sealed partial record HtmlPage(Uri Url, HttpStatusCode Status, string Html)
{
    public string Path => Url.AbsolutePath;

    public string? AntiforgeryToken => TokenPattern().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The resume code shown on a question page (without the dash).</summary>
    public string ResumeCode => Path.Split('/')[3];

    public string Text => WebUtility.HtmlDecode(TagPattern().Replace(Html, " "));

    public bool Contains(string text) => Text.Contains(text, StringComparison.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}

/// <summary>A respondent's browser without JavaScript: follows redirects, keeps cookies, posts forms.</summary>
public sealed class RespondentClient(HttpClient http)
{
    public static RespondentClient For(SurveyAppFactory factory, string? userAgent = null, string? acceptLanguage = null)
    {
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        // As a browser marks every request it sends for a page of the same site (fetch metadata).
        http.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        if (userAgent is not null)
        {
            http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }
        if (acceptLanguage is not null)
        {
            http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        return new RespondentClient(http);
    }

    public HttpClient Http => http;

    public async Task<HtmlPage> GetAsync(string url)
    {
        using var response = await http.GetAsync(url);
        return await ReadAsync(response);
    }

    /// <summary>
    /// Posts <paramref name="fields"/> (repeat a key for several values) to the page's own address, with its antiforgery
    /// token when its form has one (question and check pages have none: DraftPostsAttribute).
    /// </summary>
    public async Task<HtmlPage> PostAsync(HtmlPage page, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken && page.AntiforgeryToken is { } token)
        {
            all.Add(new("__RequestVerificationToken", token));
        }
        using var content = new FormUrlEncodedContent(all);
        using var response = await http.PostAsync(page.Url, content);
        return await ReadAsync(response);
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="url"/> (a form whose action is not the page's own address), with the page's antiforgery token.</summary>
    public async Task<HtmlPage> PostFormAsync(HtmlPage page, string url, params (string Name, string Value)[] fields)
    {
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        all.Add(new("__RequestVerificationToken", page.AntiforgeryToken ?? throw new InvalidOperationException("No antiforgery token on " + page.Url)));
        using var content = new FormUrlEncodedContent(all);
        using var response = await http.PostAsync(url, content);
        return await ReadAsync(response);
    }

    public Task<HtmlPage> PostAsync(HtmlPage page, params (string Name, string Value)[] fields) =>
        PostAsync(page, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Opens a survey's introduction and presses Start.</summary>
    public async Task<HtmlPage> StartAsync(string language, string surveyId)
    {
        var intro = await GetAsync($"/{language}/{surveyId}");
        return await PostAsync(intro);
    }

    private static async Task<HtmlPage> ReadAsync(HttpResponseMessage response) =>
        new(response.RequestMessage!.RequestUri!, response.StatusCode, await response.Content.ReadAsStringAsync());
}
