namespace Survey.Web.Pages.Panel;

/// <summary>Settings of the panel pages (section <c>Panel</c>).</summary>
public sealed class PanelOptions
{
    public const string Section = "Panel";

    /// <summary>How long a sign-up's confirmation link works; after that the sign-up is deleted.</summary>
    public int ConfirmHours { get; set; } = 72;

    /// <summary>The version of the consent text (<c>panel.consent.*</c> in locales) stored with each sign-up: change it
    /// whenever that text changes.</summary>
    public string ConsentVersion { get; set; } = "2026-12";
}

public static class PanelExtensions
{
    public static WebApplicationBuilder AddSurveyPanel(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PanelOptions>(builder.Configuration.GetSection(PanelOptions.Section));
        return builder;
    }
}
