using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>
/// Many residents sending at the same moment, on a real SQLite file: nothing is lost, and writes queue in the process
/// (<see cref="WriteGate"/>) instead of colliding on SQLite's write lock, where Microsoft.Data.Sqlite sleeps 150 ms per try.
/// </summary>
public sealed class ConcurrentWritesTests
{
    private const int Residents = 12;

    [Fact]
    public async Task Complete_ManyResidentsAtOnce_StoresEveryResponseWithAllItsAnswers()
    {
        using var app = new WriteProbeAppFactory(serializeWrites: null);

        await Task.WhenAll(Enumerable.Range(0, Residents).Select(i => CompleteAsync(app, i)));

        var responses = app.WithDb(db => db.Responses.Include(r => r.Answers).AsNoTracking().ToList());
        Assert.Equal(Residents, responses.Count);
        for (var i = 0; i < Residents; i++)
        {
            var response = Assert.Single(responses, r => r.Answers.Any(a => a.QuestionId == "remark" && a.Text == Remark(i)));
            var answers = response.Answers.Select(a => $"{a.QuestionId}|{a.Item}|{a.Code}|{a.Text}").Order(StringComparer.Ordinal);
            Assert.Equal(ExpectedAnswers(i), answers);
        }
        Assert.Equal(0, app.WithDb(db => db.Drafts.Count()));
        Assert.Equal(Residents, app.WithDb(db => db.CompletedCodes.Count()));
    }

    [Fact]
    public async Task SaveChanges_ManyResidentsAtOnce_OneSaveAtATime()
    {
        using var app = new WriteProbeAppFactory(serializeWrites: null);

        await Task.WhenAll(Enumerable.Range(0, Residents).Select(i => CompleteAsync(app, i)));

        // Each resident saved 6 times (start, 4 pages, send); no two saves overlapped, so none met SQLite's lock.
        Assert.Equal(Residents * 6, app.Probe.Saves);
        Assert.Equal(1, app.Probe.MostAtOnce);
    }

    [Fact]
    public async Task SaveChanges_SerializeWritesOff_SavesOverlap()
    {
        // The setting for a server database: the same code runs concurrently. Here it shows that the probe above would see
        // overlapping saves (which on SQLite wait in 150 ms sleeps) if the gate did not queue them.
        using var app = new WriteProbeAppFactory(serializeWrites: false);

        for (var round = 0; round < 10 && app.Probe.MostAtOnce < 2; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, Residents).Select(i => CompleteAsync(app, round * Residents + i)));
        }

        Assert.True(app.Probe.MostAtOnce >= 2, $"at most {app.Probe.MostAtOnce} write save at once");
    }

    private static string Remark(int resident) => "resident " + resident.ToString(CultureInfo.InvariantCulture);

    private static string Age(int resident) => (20 + resident % 80).ToString(CultureInfo.InvariantCulture);

    private static string[] ExpectedAnswers(int resident) =>
    [
        $"age|||{Age(resident)}", "colour||blue|", "day|||2024-03-15", "district||merenwijk|", "grid|a|1|", "grid|b|2|", "mark||8|",
        "moved|||2015", "pets||cat|", "pets||fish|", $"remark|||{Remark(resident)}", "why_blue|||It is calm",
    ];

    private static async Task CompleteAsync(SurveyAppFactory app, int resident)
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync(resident % 2 == 0 ? "nl" : "en", "flowtest");
        var second = await client.PostAsync(first, ("colour", "blue"), ("age", Age(resident)), ("remark", Remark(resident)), ("nav", "next"));
        var third = await client.PostAsync(second, ("pets", "cat"), ("pets", "fish"), ("mark", "8"), ("nav", "next"));
        var last = await client.PostAsync(third, ("why_blue", "It is calm"), ("nav", "next"));
        var check = await client.PostAsync(last,
            ("district", "merenwijk"), ("grid:a", "1"), ("grid:b", "2"), ("moved", "2015"),
            ("day:day", "15"), ("day:month", "3"), ("day:year", "2024"), ("nav", "next"));
        Assert.EndsWith("/check", check.Path, StringComparison.Ordinal);
        var done = await client.PostAsync(check);
        Assert.EndsWith("/flowtest/done", done.Path, StringComparison.Ordinal);
    }

    /// <summary>
    /// Counts write saves and the most running at once: every SaveChanges (start), every draft UPDATE a question page runs
    /// in plain SQL outside SaveChanges, and every send: its transaction, from the draft's DELETE to the commit. EF Core
    /// runs a save of one statement without a transaction, so transactions alone would not show every writer.
    /// </summary>
    private sealed class SaveProbe : SaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<DbTransaction, byte> _counted = new();
        private int _open;
        private int _most;
        private int _count;

        public int MostAtOnce => Volatile.Read(ref _most);

        public int Saves => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Open();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Interlocked.Decrement(ref _open);
            return ValueTask.FromResult(result);
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Decrement(ref _open);
            return Task.CompletedTask;
        }

        // A send ends as its COMMIT or ROLLBACK starts: the platform's own interceptor, which runs before this one, gives
        // the write gate to the next writer as soon as that statement ends, before this probe would hear of it.
        ValueTask<InterceptionResult> IDbTransactionInterceptor.TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken) =>
            End(transaction, result);

        ValueTask<InterceptionResult> IDbTransactionInterceptor.TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken) =>
            End(transaction, result);

        Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken)
        {
            End(transaction);
            return Task.CompletedTask;
        }

        private ValueTask<InterceptionResult> End(DbTransaction transaction, InterceptionResult result)
        {
            End(transaction);
            return ValueTask.FromResult(result);
        }

        private void End(DbTransaction transaction)
        {
            if (_counted.TryRemove(transaction, out _))
            {
                Interlocked.Decrement(ref _open);
            }
        }

        ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
        {
            if (IsDraftSave(command) || (IsSend(command) && _counted.TryAdd(command.Transaction!, 0)))
            {
                Open();
            }
            return ValueTask.FromResult(result);
        }

        ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
        {
            if (IsDraftSave(command))
            {
                Interlocked.Decrement(ref _open);
            }
            return ValueTask.FromResult(result);
        }

        Task IDbCommandInterceptor.CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken)
        {
            if (IsDraftSave(command))
            {
                Interlocked.Decrement(ref _open);
            }
            return Task.CompletedTask;
        }

        private static bool IsDraftSave(DbCommand command) => command.CommandText.StartsWith("UPDATE \"Drafts\"", StringComparison.Ordinal);

        // The first statement of the check page's transaction (QuestionModel.Handler.SubmitAsync).
        private static bool IsSend(DbCommand command) => command.CommandText.StartsWith("DELETE FROM \"Drafts\" WHERE \"Token\"", StringComparison.Ordinal);

        private void Open()
        {
            Interlocked.Increment(ref _count);
            var open = Interlocked.Increment(ref _open);
            for (var most = _most; open > most; most = _most)
            {
                Interlocked.CompareExchange(ref _most, open, most);
            }
        }
    }

    private sealed class WriteProbeAppFactory(bool? serializeWrites) : SurveyAppFactory
    {
        public SaveProbe Probe { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (serializeWrites is { } serialize)
            {
                builder.UseSetting("Storage:SerializeWrites", serialize ? "true" : "false");
            }
            builder.ConfigureTestServices(services => services.ConfigureDbContext<SurveyDbContext>(options => options.AddInterceptors(Probe)));
        }
    }
}
