using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Survey.Definitions.Model;

namespace Survey.Web.Infrastructure;

/// <summary>Interface texts from <c>locales/&lt;culture&gt;.yaml</c>. A new file is a new language: no code changes.</summary>
public sealed class InterfaceTexts(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byCulture)
{
    public const string DefaultCulture = "nl";

    public IReadOnlyList<string> Cultures { get; } =
        [.. byCulture.Keys.OrderBy(c => c == DefaultCulture ? 0 : c == "en" ? 1 : 2).ThenBy(c => c, StringComparer.Ordinal)];

    public bool Supports(string culture) => byCulture.ContainsKey(culture);

    public string? Find(string culture, string key) =>
        byCulture.TryGetValue(culture, out var texts) && texts.TryGetValue(key, out var text) ? text : null;

    public IEnumerable<KeyValuePair<string, string>> All(string culture) =>
        byCulture.TryGetValue(culture, out var texts) ? texts : [];
}

/// <summary>Reads <see cref="InterfaceTexts"/> for the current UI culture; behind ASP.NET Core's <see cref="IStringLocalizer"/>.</summary>
public sealed class YamlStringLocalizer(InterfaceTexts texts) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = texts.Find(Current, name) ?? texts.Find(InterfaceTexts.DefaultCulture, name);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        texts.All(Current).Select(kv => new LocalizedString(kv.Key, kv.Value));

    private static string Current => CultureInfo.CurrentUICulture.Name;
}

public sealed class YamlStringLocalizerFactory(InterfaceTexts texts) : IStringLocalizerFactory
{
    private readonly YamlStringLocalizer _localizer = new(texts);

    public IStringLocalizer Create(Type resourceSource) => _localizer;

    public IStringLocalizer Create(string baseName, string location) => _localizer;
}

/// <summary>
/// The language is the first segment of the path (<c>/nl/...</c>, <c>/en/...</c>); on an error page, of the path that failed.
/// </summary>
public sealed class PathLanguageCultureProvider(InterfaceTexts texts) : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var path = httpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? httpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path
            ?? httpContext.Request.Path.Value
            ?? string.Empty;
        var segment = path.TrimStart('/').Split('/', 2)[0];
        return Task.FromResult(texts.Supports(segment) ? new ProviderCultureResult(segment) : null);
    }
}

public static class LocalizationExtensions
{
    public static WebApplicationBuilder AddSurveyLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IStringLocalizerFactory, YamlStringLocalizerFactory>();
        builder.Services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<IStringLocalizerFactory>().Create(typeof(InterfaceTexts)));
        builder.Services.AddLocalization();
        return builder;
    }

    /// <summary>Culture from the path; on pages without a language in the path (<c>/</c>), from Accept-Language.</summary>
    public static WebApplication UseSurveyLocalization(this WebApplication app)
    {
        var texts = app.Services.GetRequiredService<InterfaceTexts>();
        // Read-only cultures: the middleware hands out a read-only culture, and would copy a writable one (and build its
        // number and date formats again through ICU) on every request.
        var cultures = texts.Cultures.Select(CultureInfo.GetCultureInfo).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(InterfaceTexts.DefaultCulture),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders.Clear();
        options.RequestCultureProviders.Add(new PathLanguageCultureProvider(texts));
        options.RequestCultureProviders.Add(new AcceptLanguageHeaderRequestCultureProvider());
        app.UseRequestLocalization(options);
        return app;
    }

    /// <summary>The respondent's language for the current request.</summary>
    public static LanguageTag CurrentLanguage() =>
        LanguageTag.TryCreate(CultureInfo.CurrentUICulture.Name, out var tag) ? tag : LanguageTag.Dutch;
}
