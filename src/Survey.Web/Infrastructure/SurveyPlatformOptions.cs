namespace Survey.Web.Infrastructure;

/// <summary>Settings of the platform, bound from the <c>Survey</c> section. Relative paths are relative to the content root.</summary>
public sealed class SurveyPlatformOptions
{
    public const string Section = "Survey";

    /// <summary>Folder of survey YAML files.</summary>
    public string SurveysPath { get; set; } = "../../surveys";

    /// <summary>Folder of interface text files, one per culture (<c>nl.yaml</c>, <c>en.yaml</c>, …).</summary>
    public string LocalesPath { get; set; } = "../../locales";

    /// <summary>The International Panel's member profile: languages and the coarse fields with their codes and labels.</summary>
    public string PanelProfilePath { get; set; } = "../../surveys/shared/panel-profile.yaml";

    /// <summary>The SQLite database file (created on first start).</summary>
    public string DatabasePath { get; set; } = "../../data/survey.db";

    /// <summary>
    /// The address residents reach the platform at, without a trailing slash: personal links in mails, and the survey
    /// address and QR code on letters, are built from it.
    /// </summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>Unfinished answers are deleted after this many days without change.</summary>
    public int DraftRetentionDays { get; set; } = 30;

    public string Resolve(string contentRoot, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
}
