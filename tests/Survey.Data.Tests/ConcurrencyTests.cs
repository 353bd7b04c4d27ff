using Microsoft.EntityFrameworkCore;

namespace Survey.Data.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task SaveChanges_ModifiedDraft_IncrementsVersion()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using (var context = TestDatabase.Context(database))
        {
            context.Drafts.Add(TestDatabase.NewDraft("T1"));
            await context.SaveChangesAsync();
        }

        await using (var context = TestDatabase.Context(database))
        {
            var draft = await context.Drafts.SingleAsync();
            draft.AnswersJson = """{"q1":"b"}""";
            await context.SaveChangesAsync();
            Assert.Equal(2, draft.Version);
        }

        await using (var context = TestDatabase.Context(database))
        {
            Assert.Equal(2, (await context.Drafts.SingleAsync()).Version);
        }
    }

    [Fact]
    public async Task SaveChanges_SameDraftVersionInTwoContexts_SecondThrowsConcurrencyException()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using (var context = TestDatabase.Context(database))
        {
            context.Drafts.Add(TestDatabase.NewDraft("T1"));
            await context.SaveChangesAsync();
        }

        await using var first = TestDatabase.Context(database);
        await using var second = TestDatabase.Context(database);
        var firstDraft = await first.Drafts.SingleAsync();
        var secondDraft = await second.Drafts.SingleAsync();
        firstDraft.AnswersJson = """{"q1":"first"}""";
        secondDraft.AnswersJson = """{"q1":"second"}""";

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = TestDatabase.Context(database);
        var stored = await check.Drafts.SingleAsync();
        Assert.Equal(("""{"q1":"first"}""", 2), (stored.AnswersJson, stored.Version));
    }
}
