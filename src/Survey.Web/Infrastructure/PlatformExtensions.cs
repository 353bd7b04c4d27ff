using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Survey.Data;
using Survey.Definitions.QuestionTypes;

namespace Survey.Web.Infrastructure;

public static class PlatformExtensions
{
    /// <summary>The SQLite file under the configured path (its folder is created on first start).</summary>
    public static WebApplicationBuilder AddSurveyStorage(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SurveyPlatformOptions.Section).Get<SurveyPlatformOptions>() ?? new SurveyPlatformOptions();
        var path = options.Resolve(builder.Environment.ContentRootPath, options.DatabasePath);
        builder.Services.AddSurveyData($"Data Source={path}");
        // The key personal links and letter codes are derived from (never stored), beside the database.
        builder.Services.AddSingleton(_ => PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(path)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CivilDate>();
        return builder;
    }

    public static WebApplicationBuilder AddSurveyPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(QuestionTypeRegistry.Default);
        builder.Services.AddSingleton<QuestionMessages>();
        builder.Services.Configure<ContactOptions>(builder.Configuration.GetSection(ContactOptions.Section));
        builder.Services.AddMemoryCache();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new AntiforgeryFailureFilter());
            options.Conventions.AuthorizeFolder("/Research");
            options.Conventions.AllowAnonymousToPage("/Research/Login");
            options.Conventions.AllowAnonymousToPage("/Research/LoginRedirect");
        }).AddMvcOptions(options => options.Filters.Add<LanguageRouteFilter>());
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "survey.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.AddResearcherAuthentication();
        return builder;
    }

    public static async Task MigrateSurveyDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
    }
}
