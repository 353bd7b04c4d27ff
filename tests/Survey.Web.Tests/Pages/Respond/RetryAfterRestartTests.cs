using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Testing;
using Survey.Web.Jobs;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary>
/// The server is killed after the response was saved, before the closing page reached the browser: the retried submit,
/// against a restarted platform, shows the closing page; the durable record of it says nothing about the response.
/// </summary>
public sealed class RetryAfterRestartTests
{
    private static async Task<(HtmlPage Check, string Code)> CheckPageAsync(RespondentClient client)
    {
        var first = await client.StartAsync("en", "flowtest");
        var second = await client.PostAsync(first, ("colour", "red"), ("age", "42"), ("nav", "next"));
        var last = await client.PostAsync(second, ("nav", "next"));
        // Next on the last question page leads to "check your answers", where Send is.
        return (await client.PostAsync(last, ("nav", "next")), first.ResumeCode);
    }

    [Fact]
    public async Task Submit_RetriedAfterRestart_ShowsClosingPageAndStoresOneResponse()
    {
        using var temp = new TempDirectory();
        var database = temp.File("survey.db");
        HtmlPage last;
        await using (var before = new RestartedAppFactory(database))
        {
            var client = RespondentClient.For(before);
            (last, _) = await CheckPageAsync(client);
            Assert.EndsWith("/flowtest/done", (await client.PostAsync(last, ("nav", "submit"))).Path, StringComparison.Ordinal);
        }
        SqliteConnection.ClearAllPools();

        await using var after = new RestartedAppFactory(database);
        var retry = RespondentClient.For(after);
        var resent = await retry.PostAsync(last, ("nav", "submit"));
        var reloaded = await retry.GetAsync(last.Path);

        Assert.EndsWith("/flowtest/done", resent.Path, StringComparison.Ordinal);
        Assert.Contains("Thanks for testing.", resent.Text, StringComparison.Ordinal);
        Assert.EndsWith("/flowtest/done", reloaded.Path, StringComparison.Ordinal);
        Assert.Equal(1, after.WithDb(db => db.Responses.Count()));
    }

    [Fact]
    public async Task CompletedCode_Record_HoldsNoCodeNoOrderAndIsGoneAfterTheNextDay()
    {
        using var temp = new TempDirectory();
        await using var app = new RestartedAppFactory(temp.File("survey.db"));
        var client = RespondentClient.For(app);
        var (last, code) = await CheckPageAsync(client);
        await client.PostAsync(last, ("nav", "submit"));

        var record = app.WithDb(db => db.CompletedCodes.AsNoTracking().Single());
        Assert.DoesNotContain(code, record.Hash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, record.Hash.Length);
        Assert.Equal(new DateOnly(2026, 11, 21), record.Day);
        var columns = app.WithDb(db => db.Model.FindEntityType(typeof(Survey.Data.CompletedCode))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["Day", "Hash"], columns);
        var sql = app.WithDb(db => db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE name = 'CompletedCodes'").Single());
        Assert.Contains("WITHOUT ROWID", sql, StringComparison.Ordinal);

        // The next day the retry still works; the clean-up after it removes the record, and the code is unknown.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await Cleanup(app);
        Assert.EndsWith("/flowtest/done", (await client.GetAsync(last.Path)).Path, StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await Cleanup(app);
        Assert.Equal(0, app.WithDb(db => db.CompletedCodes.Count()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(last.Path)).Status);
    }

    private static async Task Cleanup(RestartedAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DraftCleanup>().RunAsync(CancellationToken.None);
    }
}
