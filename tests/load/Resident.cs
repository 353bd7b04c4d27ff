using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Survey.Definitions.Model;

namespace Survey.Load;

/// <summary>What one resident measured: latencies in milliseconds of page submits (POST) and page loads (GET).</summary>
internal sealed class Tally
{
    public List<double> Submits { get; } = [];
    public List<double> Loads { get; } = [];
    public int Completed { get; set; }
    public int Refused { get; set; }
    public List<string> Errors { get; } = [];
}

/// <summary>
/// One simulated resident, closed loop without think time: opens a survey's introduction, starts, answers each page it is
/// sent to with valid random answers, sends on the check page, and starts again. Its own cookies (antiforgery on the start page), one
/// keep-alive connection, redirects followed by hand so a submit's latency is the POST alone.
/// </summary>
internal sealed partial class Resident(Uri server, IReadOnlyList<SurveyDefinition> surveys, int seed) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(60),
        // As a browser marks a page's own form posts (DraftPostsAttribute refuses posts marked as from another site).
        DefaultRequestHeaders = { { "Sec-Fetch-Site", "same-origin" } },
    };

    private readonly Random _random = new(seed);

    /// <summary>Runs surveys until <paramref name="stop"/>; only requests that start at or after <paramref name="measureFrom"/> are counted.</summary>
    public async Task RunAsync(Stopwatch clock, TimeSpan measureFrom, TimeSpan stop, Tally tally)
    {
        while (clock.Elapsed < stop)
        {
            try
            {
                await CompleteOneAsync(clock, measureFrom, stop, tally);
            }
            catch (HttpRequestException e)
            {
                tally.Errors.Add(e.Message);
            }
        }
    }

    private async Task CompleteOneAsync(Stopwatch clock, TimeSpan measureFrom, TimeSpan stop, Tally tally)
    {
        var survey = surveys[_random.Next(surveys.Count)];
        var language = survey.Languages[_random.Next(survey.Languages.Count)].Value;
        var (_, introHtml) = await GetAsync($"/{language}/{survey.Id}", clock, measureFrom, tally);
        var location = await PostAsync($"/{language}/{survey.Id}", introHtml, [], clock, measureFrom, tally);
        while (location is not null && clock.Elapsed < stop)
        {
            var (status, html) = await GetAsync(location, clock, measureFrom, tally);
            if (status != HttpStatusCode.OK)
            {
                tally.Errors.Add($"GET {location}: {(int)status}");
                return;
            }
            var pageId = location.Split('?')[0].Split('/')[^1];
            if (pageId == "check")
            {
                var done = await PostAsync(location, html, [], clock, measureFrom, tally);
                if (done?.EndsWith("/done", StringComparison.Ordinal) == true && clock.Elapsed >= measureFrom)
                {
                    tally.Completed++;
                }
                return;
            }
            var page = survey.FindPage(pageId) ?? throw new InvalidOperationException($"Sent to unknown page {location}");
            location = await PostAsync(location, html, AnswerFiller.Fill(page, _random), clock, measureFrom, tally);
        }
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path, Stopwatch clock, TimeSpan measureFrom, Tally tally)
    {
        var start = clock.Elapsed;
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Record(tally.Loads, start, clock, measureFrom);
        return (response.StatusCode, html);
    }

    /// <summary>
    /// Posts the form, with the page's antiforgery token when it has one (the start page; question and check pages have
    /// none: their address holds the resume code); returns the redirect target, or null (counted as refused) if the page came back.
    /// </summary>
    private async Task<string?> PostAsync(string path, string html, List<KeyValuePair<string, string>> fields, Stopwatch clock, TimeSpan measureFrom, Tally tally)
    {
        var token = TokenPattern().Match(html);
        if (token.Success)
        {
            fields.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        }
        using var content = new FormUrlEncodedContent(fields);
        var start = clock.Elapsed;
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
        await response.Content.ReadAsByteArrayAsync();
        Record(tally.Submits, start, clock, measureFrom);
        if (response.StatusCode == HttpStatusCode.Redirect || response.StatusCode == HttpStatusCode.Found)
        {
            return response.Headers.Location?.OriginalString;
        }
        if (response.StatusCode == HttpStatusCode.OK)
        {
            tally.Refused++; // the page came back with errors: the generator's answers were not valid
        }
        else
        {
            tally.Errors.Add($"POST {path}: {(int)response.StatusCode}");
        }
        return null;
    }

    private static void Record(List<double> into, TimeSpan start, Stopwatch clock, TimeSpan measureFrom)
    {
        if (start >= measureFrom)
        {
            into.Add((clock.Elapsed - start).TotalMilliseconds);
        }
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
