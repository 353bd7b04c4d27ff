using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Testing;

namespace Survey.Web.Tests;

/// <summary>
/// The real app on a fresh SQLite file (HOUSE practice 11). Every request appears to come from <see cref="ClientAddress"/>,
/// so tests can prove the address is never stored. Because the tests act as many residents from that one address, the
/// per-client rate limits are lifted (<see cref="GenerousRateLimits"/>) except in <see cref="RealRateLimitsAppFactory"/>.
/// </summary>
public class SurveyAppFactory : WebApplicationFactory<Program>
{
    public static readonly IPAddress ClientAddress = IPAddress.Parse("198.51.100.173");

    private readonly TempDirectory _temp = new();

    public SurveyAppFactory()
        : this(Path.Combine(RepoPaths.Root, "tests", "Survey.Web.Tests", "Surveys"))
    {
    }

    protected SurveyAppFactory(string surveysPath, string? databasePath = null)
    {
        SurveysPath = surveysPath;
        DatabasePath = databasePath ?? _temp.File("survey.db");
    }

    /// <summary>Limits no test that acts as many residents from one address reaches.</summary>
    public static readonly IReadOnlyDictionary<string, string> GenerousRateLimits = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RateLimits:SurveyStarts:PermitLimit"] = "1000000",
        ["RateLimits:CodeLookups:PermitLimit"] = "1000000",
        ["RateLimits:AccessCodes:PermitLimit"] = "1000000",
        ["RateLimits:AnswerPages:PermitLimit"] = "1000000",
        ["RateLimits:PanelSignUps:PermitLimit"] = "1000000",
        ["RateLimits:PanelLinks:PermitLimit"] = "1000000",
        ["RateLimits:InvitationLinks:PermitLimit"] = "1000000",
    };

    /// <summary>False in factories whose tests prove the rate limits with their shipped values.</summary>
    protected virtual bool LiftRateLimits => true;

    public string SurveysPath { get; }

    public string DatabasePath { get; }

    /// <summary>Hangfire's job storage, beside the database.</summary>
    public string JobsPath => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "jobs.db");

    /// <summary>The app's clock: 21 Nov 2026, 23:30 in Amsterdam (22:30 UTC), so "the day" is checked across a UTC/local gap.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 22, 30, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Survey:SurveysPath", SurveysPath);
        builder.UseSetting("Survey:LocalesPath", RepoPaths.Locales);
        builder.UseSetting("Survey:DatabasePath", DatabasePath);
        // Mail the app sends in pickup mode stays beside the test's database, never in the repository's data/mail.
        builder.UseSetting("Mail:PickupPath", Path.Combine(Path.GetDirectoryName(DatabasePath)!, "mail"));
        if (LiftRateLimits)
        {
            foreach (var (key, value) in GenerousRateLimits)
            {
                builder.UseSetting(key, value);
            }
        }
        // Tests sweep the debounce flags themselves (ResultsDebounceSweeper.SweepAsync) after moving the clock.
        builder.UseSetting("Results:DebounceSweepSeconds", "86400");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new ClientAddressStartupFilter(ClientAddress));
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public T WithScope<T>(Func<IServiceProvider, T> action)
    {
        using var scope = Services.CreateScope();
        return action(scope.ServiceProvider);
    }

    public T WithDb<T>(Func<SurveyDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<SurveyDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _temp.Dispose();
        }
    }

    private sealed class ClientAddressStartupFilter(IPAddress address) : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>The app with the rate limits as shipped (appsettings.json), behind a proxy at <see cref="SurveyAppFactory.ClientAddress"/>
/// so that a test can act as other clients with <c>X-Forwarded-For</c>.</summary>
public sealed class RealRateLimitsAppFactory : SurveyAppFactory
{
    protected override bool LiftRateLimits => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Proxy:KnownProxies:0", ClientAddress.ToString());
    }
}

/// <summary>The app on a database file the test owns (it outlives the factory): start a second one on it to restart the platform.</summary>
public sealed class RestartedAppFactory(string databasePath) : SurveyAppFactory(Path.Combine(RepoPaths.Root, "tests", "Survey.Web.Tests", "Surveys"), databasePath);

/// <summary>The app serving the surveys shipped in <c>surveys/</c>.</summary>
public sealed class ShippedSurveysAppFactory() : SurveyAppFactory(RepoPaths.Surveys);
