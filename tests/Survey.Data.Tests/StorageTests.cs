using Microsoft.EntityFrameworkCore;

namespace Survey.Data.Tests;

public sealed class StorageTests
{
    [Fact]
    public async Task SaveChanges_DraftAndResponseWithAnswers_ReadBackAndCascadeDeleteAnswers()
    {
        using var database = await TestDatabase.MigratedAsync();
        Guid responseId;
        await using (var context = TestDatabase.Context(database))
        {
            context.Drafts.Add(TestDatabase.NewDraft("K7M2-QX9P", """{"q1":"a"}"""));
            var response = new SurveyResponse
            {
                SurveyId = "wijkenquete",
                SurveyVersion = 3,
                Language = "en",
                CompletedOn = new DateOnly(2026, 11, 21),
            };
            response.Answers.Add(new ResponseAnswer { QuestionId = "q1", Code = "a" });
            response.Answers.Add(new ResponseAnswer { QuestionId = "m1", Item = "parks", Code = "3" });
            response.Answers.Add(new ResponseAnswer { QuestionId = "q2", Text = "Meer bankjes, graag." });
            context.Responses.Add(response);
            await context.SaveChangesAsync();
            responseId = response.Id;
        }

        await using (var context = TestDatabase.Context(database))
        {
            var draft = await context.Drafts.SingleAsync();
            Assert.Equal(("K7M2-QX9P", """{"q1":"a"}""", """["intro","wonen"]"""), (draft.Token, draft.AnswersJson, draft.ReachedPages));
            Assert.Equal((new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21), 1), (draft.StartedOn, draft.UpdatedOn, draft.Version));

            var response = await context.Responses.Include(r => r.Answers).SingleAsync();
            Assert.Equal(responseId, response.Id);
            Assert.Equal(("wijkenquete", 3, "en", new DateOnly(2026, 11, 21)),
                (response.SurveyId, response.SurveyVersion, response.Language, response.CompletedOn));
            Assert.Equal(
                [("m1", "parks", "3", null), ("q1", null, "a", null), ("q2", null, null, "Meer bankjes, graag.")],
                response.Answers.OrderBy(a => a.QuestionId, StringComparer.Ordinal).Select(a => (a.QuestionId, a.Item, a.Code, a.Text)));
        }

        await using (var context = TestDatabase.Context(database))
        {
            // A set-based delete goes straight to SQLite, so this checks the database's ON DELETE CASCADE, not EF's.
            Assert.Equal(1, await context.Responses.Where(r => r.Id == responseId).ExecuteDeleteAsync());
            Assert.Equal(0, await context.ResponseAnswers.CountAsync());
        }
    }

    [Fact]
    public async Task SaveChanges_NewResponseWithoutId_GetsRandomVersion4Guid()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);
        var responses = Enumerable.Range(0, 3)
            .Select(_ => new SurveyResponse { SurveyId = "s", SurveyVersion = 1, Language = "nl", CompletedOn = new DateOnly(2026, 11, 21) })
            .ToList();

        context.Responses.AddRange(responses);
        await context.SaveChangesAsync();

        Assert.All(responses, r => Assert.Equal(4, r.Id.Version));
        Assert.Equal(3, responses.Select(r => r.Id).Distinct().Count());
    }
}
