using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Web.Pages.Respond;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary>The hand-written draft SELECT (<see cref="DraftQueries"/>) reads every property EF Core maps, as EF Core reads it.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class DraftQueriesTests(SurveyAppFactory app)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FindAsync_ReadsEveryMappedPropertyAsEfCoreDoesAndTracksNothing(bool withInvitation)
    {
        var token = "DQ" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        long? invitation = withInvitation ? 4_000_000_001 : null; // beyond int: read as a long
        db.Drafts.Add(new Draft
        {
            Token = token,
            SurveyId = "flowtest",
            SurveyVersion = 7,
            Language = "en",
            AnswersJson = "{\"colour\":[{\"code\":\"red\"}]}",
            ReachedPages = "[\"first\",\"last\"]",
            StartedOn = new DateOnly(2026, 11, 30),
            UpdatedOn = new DateOnly(2026, 12, 6),
            InvitationId = invitation,
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var expected = await db.Drafts.AsNoTracking().SingleAsync(d => d.Token == token);
        var read = await DraftQueries.FindAsync(db, token, "flowtest", CancellationToken.None);

        Assert.NotNull(read);
        var mapped = db.Model.FindEntityType(typeof(Draft))!.GetProperties().Select(p => p.PropertyInfo!).ToList();
        Assert.Equal(typeof(Draft).GetProperties(BindingFlags.Public | BindingFlags.Instance).Length, mapped.Count);
        foreach (var property in mapped)
        {
            Assert.Equal(property.GetValue(expected), property.GetValue(read));
        }
        Assert.Null(await DraftQueries.FindAsync(db, token, "othersurvey", CancellationToken.None));
        Assert.Empty(db.ChangeTracker.Entries());
    }
}
