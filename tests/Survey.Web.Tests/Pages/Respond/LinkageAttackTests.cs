using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Web.Jobs;
using Xunit.Abstractions;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary>
/// The attacker of issue 10, item 5: full access to the SQLite file. Six panel members complete their invitations on one
/// day, through the real app, in a known order that differs from the order of their invitations; the attacker then tries
/// every table, column, row id, row order, index order, byte position in the file and date to tell which response is
/// whose. Each way either yields nothing or an order made by the random keys alone, so matching can do no better than
/// chance (one correct pair expected out of six). The page layout before the nightly compaction is the documented limit:
/// the test shows that it does reveal the order, and that the compaction removes it.
/// </summary>
public sealed class LinkageAttackTests(ITestOutputHelper output) : IDisposable
{
    private const int Respondents = 6;

    // Completion order (indices into the invitations, which are in the order they were created): deliberately neither
    // the creation order nor its reverse.
    private static readonly int[] CompletionOrder = [3, 0, 5, 1, 4, 2];

    private readonly SurveyAppFactory _app = new();

    [Fact]
    public async Task Attacker_WithTheDatabaseFile_LinksNoResponseToAMemberBetterThanChance()
    {
        var (wave, invited) = await PanelWaves.CreateAsync(_app, "flowtest", Enumerable.Repeat("nl", Respondents).ToList());
        var created = invited.OrderBy(i => i.Invitation.Id).ToList();
        var resumeCodes = new List<string>();
        foreach (var index in CompletionOrder)
        {
            var client = RespondentClient.For(_app);
            var first = await client.GetAsync($"/nl/i/{created[index].Token}");
            resumeCodes.Add(first.ResumeCode);
            var done = await PanelWaves.CompleteFlowtestAsync(client, first, $"p{index}");
            Assert.EndsWith("/flowtest/done", done.Path, StringComparison.Ordinal);
        }
        var truth = Truth(created);
        var completed = CompletionOrder.Select(i => created[i]).ToList();
        Assert.NotEqual(created, completed);

        // Before the nightly compaction (checkpoint only): the byte layout of the pages reveals the order. This is the
        // limit README states; it proves the attacker below is able to find the order when it is there.
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        var file = await File.ReadAllBytesAsync(_app.DatabasePath);
        var byOffset = truth.Keys.OrderBy(id => Offset(file, id.ToString().ToUpperInvariant() + "flowtest")).Select(id => truth[id].Invitation.Id).ToList();
        var inCompletionOrder = completed.Select(i => i.Invitation.Id).ToList();
        Assert.True(byOffset.SequenceEqual(inCompletionOrder) || byOffset.AsEnumerable().Reverse().SequenceEqual(inCompletionOrder), "before compaction, rows sit in the order of completion");

        // The housekeeping job's compaction (nightly), as it runs in production.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DraftCleanup>().TruncateWalAsync(CancellationToken.None);
        }
        file = await File.ReadAllBytesAsync(_app.DatabasePath);
        var keyOrder = truth.Keys.Select(k => k.ToString().ToUpperInvariant()).Order(StringComparer.Ordinal).ToList();

        // 1. Columns: a response holds its random id, the survey, version, language and day; no table but the answers refers to it.
        Assert.Equal(["CompletedOn", "Id", "Language", "SurveyId", "SurveyVersion"], Column("SELECT name FROM pragma_table_info('Responses') ORDER BY name;"));
        foreach (var table in Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('Responses', 'ResponseAnswers');"))
        {
            var text = string.Join('\n', Rows($"SELECT * FROM \"{table}\";").SelectMany(r => r)).ToUpperInvariant();
            Assert.DoesNotContain(keyOrder, id => text.Contains(id, StringComparison.Ordinal));
        }
        // The other four columns hold the same values for everybody; the id is none of the invitation's or member's.
        Assert.Single(Rows("SELECT SurveyId, SurveyVersion, Language, CompletedOn FROM Responses;").Select(r => string.Join('|', r)).Distinct());
        Assert.DoesNotContain(Column("SELECT Id FROM Responses;"), v => created.Any(i =>
            v == i.Invitation.TokenHash || string.Equals(v, i.Member.Id.ToString(), StringComparison.OrdinalIgnoreCase) || v == i.Token));

        // 2. Dates: one day on every response and every answered invitation, so the day tells nothing within it.
        Assert.Single(Column("SELECT DISTINCT CompletedOn FROM Responses;"));
        Assert.Single(Column($"SELECT DISTINCT AnsweredOn FROM Invitations WHERE WaveId = {wave.Id};"));
        Assert.Equal(Respondents, Column($"SELECT Id FROM Invitations WHERE WaveId = {wave.Id} AND Status = {(int)InvitationStatus.Answered};").Count);

        // 3. Row ids: there are none.
        Assert.Throws<SqliteException>(() => Column("SELECT rowid FROM Responses;"));
        Assert.Throws<SqliteException>(() => Column("SELECT rowid FROM ResponseAnswers;"));

        // 4. Row order without ORDER BY, through the table and through each index: the order of the random keys.
        Assert.Equal(keyOrder, Column("SELECT Id FROM Responses;"));
        Assert.Equal(keyOrder, Column("SELECT Id FROM Responses INDEXED BY IX_Responses_SurveyId_SurveyVersion WHERE SurveyId = 'flowtest';"));
        Assert.Equal(keyOrder, Column("SELECT ResponseId FROM ResponseAnswers;").Distinct().ToList());

        // 5. Position in the file, after compaction: responses in key order, invitations in the order they were created.
        var responseOffsets = keyOrder.Select(id => Offset(file, id + "flowtest")).ToList();
        Assert.True(Monotonic(responseOffsets), "response rows are laid out in key order");
        var invitationOffsets = created.Select(i => Offset(file, "nl" + i.Invitation.TokenHash)).ToList();
        Assert.True(Monotonic(invitationOffsets), "invitation rows are laid out in creation order");

        // 6. Nothing of the drafts (which knew their invitation) is left in the file or its WAL.
        var wal = File.Exists(_app.DatabasePath + "-wal") ? await File.ReadAllBytesAsync(_app.DatabasePath + "-wal") : [];
        Assert.All(resumeCodes, code => Assert.Equal((-1, -1), (Offset(file, code), Offset(wal, code))));

        // Every order the attacker can still see is the key order on the response side and the creation order on the
        // invitation side: neither depends on who answered when, so pairing them is a random matching (expected: one
        // right pair of six, as by guessing). Before compaction the same pairing was right six times out of six.
        var score = Matches(keyOrder.Select(Guid.Parse).ToList(), created, truth);
        output.WriteLine($"after compaction the attacker's best pairing gets {score} of {Respondents} right (chance: 1 expected)");
    }

    public void Dispose() => _app.Dispose();

    /// <summary>Which member wrote which response: the remark each respondent typed (the test's knowledge, not the attacker's).</summary>
    private Dictionary<Guid, PanelWaves.Invited> Truth(List<PanelWaves.Invited> created) =>
        Rows("SELECT ResponseId, Text FROM ResponseAnswers WHERE QuestionId = 'remark';")
            .ToDictionary(r => Guid.Parse(r[0]!), r => created[int.Parse(r[1]![1..], System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>How many pairs are right when the i-th response is paired with the i-th invitation, or the i-th from the end (the better of the two).</summary>
    private static int Matches(List<Guid> responses, List<PanelWaves.Invited> invitations, Dictionary<Guid, PanelWaves.Invited> truth)
    {
        var forward = responses.Where((r, i) => truth[r].Invitation.Id == invitations[i].Invitation.Id).Count();
        var backward = responses.Where((r, i) => truth[r].Invitation.Id == invitations[invitations.Count - 1 - i].Invitation.Id).Count();
        return Math.Max(forward, backward);
    }

    private static bool Monotonic(List<int> offsets) =>
        offsets.All(o => o >= 0) && (offsets.SequenceEqual(offsets.Order()) || offsets.SequenceEqual(offsets.OrderDescending()));

    private static int Offset(byte[] file, string text) => file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<string?[]> Rows(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))]);
        }
        return rows;
    }

    private List<string> Column(string sql) => [.. Rows(sql).Select(r => r[0] ?? string.Empty)];
}
