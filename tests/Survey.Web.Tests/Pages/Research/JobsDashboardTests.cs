using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Survey.Web.Jobs;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>The jobs dashboard at /research/jobs: administrators only, its POST actions protected against cross-site requests.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed partial class JobsDashboardTests(SurveyAppFactory app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Get_Anonymous_RedirectsToSignInComingBack()
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl");

        using var response = await http.GetAsync(JobsDashboard.Path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/nl/research/login?returnUrl=%2Fresearch%2Fjobs", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_ResearcherWithoutAdminRole_IsForbidden()
    {
        var client = await ResearcherSignIn.SignedInAsync(app, "en");

        var page = await client.GetAsync(JobsDashboard.Path);
        var research = await client.GetAsync("/en/research");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.DoesNotContain(JobsDashboard.Path, research.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Administrator_ServesDashboardLinkedFromResearchPages()
    {
        var client = await ResearcherSignIn.SignedInAsync(app, "nl", admin: true);

        using var response = await client.Http.GetAsync(JobsDashboard.Path);
        var html = await response.Content.ReadAsStringAsync();
        var research = await client.GetAsync("/nl/research");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Survey platform jobs", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains($"href=\"{JobsDashboard.Path}\"", research.Html, StringComparison.Ordinal);
        Assert.True(research.Contains("Achtergrondtaken") && research.Contains("(alleen in het Engels)"), research.Html);
    }

    [Fact]
    public async Task Post_RequeueWithoutAntiforgeryToken_IsRefusedAndWithTokenRequeues()
    {
        var client = await ResearcherSignIn.SignedInAsync(app, "en", admin: true);
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobId = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<HousekeepingJob>(j => j.RunAsync(CancellationToken.None));
        await WaitForAsync(() => monitoring.JobDetails(jobId) is { History.Count: > 0 } d && d.History[0].StateName == "Succeeded" ? d : null);
        var states = monitoring.JobDetails(jobId).History.Count;
        var dashboard = await client.Http.GetStringAsync(JobsDashboard.Path + "/jobs/succeeded");
        var token = CsrfToken().Match(dashboard).Groups[1].Value;
        var header = CsrfHeader().Match(dashboard).Groups[1].Value;

        using var forged = await client.Http.PostAsync(JobsDashboard.Path + "/jobs/succeeded/requeue", Form(jobId));
        var afterForged = monitoring.JobDetails(jobId).History.Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, JobsDashboard.Path + "/jobs/succeeded/requeue") { Content = Form(jobId) };
        request.Headers.Add(header, token);
        using var requeued = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(states, afterForged);
        Assert.Equal("RequestVerificationToken", header);
        Assert.True(requeued.IsSuccessStatusCode, requeued.StatusCode.ToString());
        Assert.Contains(monitoring.JobDetails(jobId).History, s => s.StateName == "Enqueued" && s.Reason == "Triggered via Dashboard UI");
    }

    private static FormUrlEncodedContent Form(string jobId) => new([new KeyValuePair<string, string>("jobs[]", jobId)]);

    // Polls until the background job got there; the bound only stops a broken test from hanging, it asserts no timing.
    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfHeader();
}
