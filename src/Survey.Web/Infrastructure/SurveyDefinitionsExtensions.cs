using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Definitions.Nationality;
using Survey.Definitions.Panel;
using Survey.Definitions.Targets;

namespace Survey.Web.Infrastructure;

/// <summary>The surveys the platform serves, loaded and validated once at start-up.</summary>
public sealed class SurveyLibrary(IReadOnlyList<SurveyDefinition> surveys, IReadOnlyList<PopulationTargets> targets, NationalityGroups? groups = null)
{
    /// <summary>The nationality mapping (<c>surveys/shared/nationality-groups.yaml</c>), or null when there is none.</summary>
    public NationalityGroups? Groups { get; } = groups;

    public IReadOnlyList<SurveyDefinition> All { get; } = surveys;

    /// <summary>The population targets of a survey (<c>&lt;id&gt;.targets.yaml</c>), or null when it has none.</summary>
    public PopulationTargets? Targets(string surveyId) => targets.FirstOrDefault(t => t.SurveyId == surveyId);

    public IEnumerable<SurveyDefinition> Open => All.Where(s => s.Status == SurveyStatus.Open);

    public SurveyDefinition? Find(string id) => All.FirstOrDefault(s => s.Id == id);
}

/// <summary>A survey or locale file is invalid: the platform does not start. The message lists every error as file:line:col.</summary>
public sealed class SurveyDefinitionException(IReadOnlyList<string> errors)
    : Exception("The platform cannot start: " + errors.Count + " error(s) in survey or locale files:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

public static class SurveyDefinitionsExtensions
{
    /// <summary>Loads and validates every survey, targets, nationality mapping, panel profile and locale file; throws <see cref="SurveyDefinitionException"/> on any error.</summary>
    public static WebApplicationBuilder AddSurveyDefinitions(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SurveyPlatformOptions.Section);
        builder.Services.Configure<SurveyPlatformOptions>(section);
        var options = section.Get<SurveyPlatformOptions>() ?? new SurveyPlatformOptions();
        var root = builder.Environment.ContentRootPath;

        var surveysPath = options.Resolve(root, options.SurveysPath);
        var surveys = SurveyCatalog.LoadDirectory(surveysPath);
        var targets = TargetsCatalog.LoadDirectory(surveysPath, surveys.Surveys);
        var locales = LocaleCatalog.LoadDirectory(options.Resolve(root, options.LocalesPath));
        var panelProfile = PanelProfile.LoadFile(options.Resolve(root, options.PanelProfilePath));
        var errors = surveys.Diagnostics.Concat(targets.Diagnostics).Concat(locales.Diagnostics).Concat(panelProfile.Diagnostics)
            .Select(d => d.ToString()).ToList();
        if (errors.Count > 0)
        {
            throw new SurveyDefinitionException(errors);
        }

        builder.Services.AddSingleton(new SurveyLibrary(surveys.Surveys, targets.Targets, targets.Groups));
        builder.Services.AddSingleton(new InterfaceTexts(locales.Texts));
        builder.Services.AddSingleton(panelProfile.Profile!);
        return builder;
    }
}
