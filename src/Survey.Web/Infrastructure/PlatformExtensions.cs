using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Survey.Data;
using Survey.Definitions.QuestionTypes;

namespace Survey.Web.Infrastructure;

public static partial class PlatformExtensions
{
    /// <summary>
    /// The SQLite file under the configured path (its folder is created on first start). Writes go one at a time
    /// (<see cref="WriteGate"/>, setting <c>Storage:SerializeWrites</c>). Pages that write: the introduction's POST (a new
    /// draft), a question page's POST (the draft), the check page's POST (the response, the draft deleted); researcher
    /// sign-in and results runs. Every page GET only reads (draft, definitions and texts are in memory).
    /// </summary>
    public static WebApplicationBuilder AddSurveyStorage(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SurveyPlatformOptions.Section).Get<SurveyPlatformOptions>() ?? new SurveyPlatformOptions();
        var path = options.Resolve(builder.Environment.ContentRootPath, options.DatabasePath);
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>();
        builder.Services.AddSurveyData($"Data Source={path}", storage);
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
        if (app.Services.GetService<GroupCommit>() is { } group)
        {
            // How well commits shared syncs, for the load benchmark (README, "Load benchmark"), which prints this line.
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<GroupCommit>();
            app.Lifetime.ApplicationStopping.Register(() => LogGroupCommit(logger, group.Commits, group.Syncs));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Group commit: {Commits} commits made durable by {Syncs} syncs of the WAL")]
    private static partial void LogGroupCommit(ILogger logger, long commits, long syncs);
}
