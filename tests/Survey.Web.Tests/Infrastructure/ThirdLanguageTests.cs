using System.Net;
using Microsoft.AspNetCore.Hosting;
using Survey.Testing;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>A new language is a new file in locales/ (and the texts in a survey): no code changes.</summary>
public sealed class ThirdLanguageTests
{
    [Fact]
    public async Task Start_GermanLocaleFileAdded_ServesInterfaceInGerman()
    {
        using var locales = new TempDirectory();
        foreach (var file in Directory.GetFiles(RepoPaths.Locales, "*.yaml"))
        {
            File.Copy(file, locales.File(Path.GetFileName(file)));
        }
        var german = File.ReadAllText(Path.Combine(RepoPaths.Locales, "en.yaml"))
            .Replace("site.name: \"City of Leiden – Surveys\"", "site.name: \"Stadt Leiden – Umfragen\"", StringComparison.Ordinal)
            .Replace("language.name: \"English\"", "language.name: \"Deutsch\"", StringComparison.Ordinal);
        File.WriteAllText(locales.File("de.yaml"), german);
        await using var app = new LocalesAppFactory(locales.Path);
        var client = RespondentClient.For(app, acceptLanguage: "de-DE,de;q=0.9");

        var page = await client.GetAsync("/");

        Assert.Equal("/de", page.Path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<html lang=\"de\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("Stadt Leiden – Umfragen", page.Text, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"nl\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"en\"", page.Html, StringComparison.Ordinal);
    }

    private sealed class LocalesAppFactory(string localesPath) : SurveyAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Survey:LocalesPath", localesPath);
        }
    }
}
