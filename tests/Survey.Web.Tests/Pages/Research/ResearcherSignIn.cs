using Microsoft.Extensions.DependencyInjection;
using Survey.Data;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>A researcher account on a test app, and a client signed in with it.</summary>
public static class ResearcherSignIn
{
    public const string Password = "correct horse battery";

    public static async Task<string> CreateAccountAsync(SurveyAppFactory app, bool admin = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        var user = "r" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ResearcherAccounts>().CreateAsync(user, Password, admin);
        return user;
    }

    public static async Task<RespondentClient> SignedInAsync(SurveyAppFactory app, string language, bool admin = false)
    {
        var user = await CreateAccountAsync(app, admin);
        var client = RespondentClient.For(app);
        var login = await client.GetAsync($"/{language}/research/login");
        var page = await client.PostAsync(login, ("username", user), ("password", Password));
        Assert.Equal($"/{language}/research", page.Path);
        return client;
    }
}
