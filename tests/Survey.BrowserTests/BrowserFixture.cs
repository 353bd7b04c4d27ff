using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Survey.Testing;

namespace Survey.BrowserTests;

/// <summary>
/// The real app on a Kestrel port of 127.0.0.1, over a fresh SQLite file, and one headless Debian chromium, shared by
/// every browser test. Each test opens its own <see cref="IBrowserContext"/> (cookies, language, JavaScript on or off).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private SurveyAppFactory? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Root of the running app, always <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The running app's services (a scope per use: <c>Services.CreateScope()</c>), to seed data behind the browser's back.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _app = new SurveyAppFactory(_data.File("survey.db"));
        _app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        BaseAddress = _app.ClientOptions.BaseAddress;
        if (!IPAddress.TryParse(BaseAddress.Host, out var host) || !IPAddress.IsLoopback(host))
        {
            throw new InvalidOperationException("The app must listen on 127.0.0.1 only, not " + BaseAddress);
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            // Debian's chromium; `playwright install` is never run (no downloads here).
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh context: no cookies, <paramref name="locale"/> as Accept-Language, a 1280×900 window.</summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "nl-NL", bool javaScript = true)
    {
        var browser = _browser ?? throw new InvalidOperationException("The fixture is not initialized.");
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        // Fail fast: a server round trip on loopback takes milliseconds.
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        // Only the app under test may be contacted.
        await context.RouteAsync(
            url => !url.StartsWith(BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal),
            route => route.AbortAsync("blockedbyclient"));
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _data.Dispose();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private sealed class SurveyAppFactory(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Survey:SurveysPath", RepoPaths.Surveys);
            builder.UseSetting("Survey:LocalesPath", RepoPaths.Locales);
            builder.UseSetting("Survey:DatabasePath", databasePath);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // Every browser test is a resident on 127.0.0.1: lift the per-client rate limits (Survey.Web.Tests proves them).
            builder.UseSetting("RateLimits:SurveyStarts:PermitLimit", "1000000");
            builder.UseSetting("RateLimits:CodeLookups:PermitLimit", "1000000");
            builder.UseSetting("RateLimits:AccessCodes:PermitLimit", "1000000");
            builder.UseSetting("RateLimits:AnswerPages:PermitLimit", "1000000");
            builder.UseSetting("RateLimits:PanelSignUps:PermitLimit", "1000000");
            builder.UseSetting("RateLimits:PanelLinks:PermitLimit", "1000000");
        }
    }
}

/// <summary>All browser tests share one app and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Shared browser";
}
