using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Respond;

/// <summary>The list of open surveys in the respondent's language.</summary>
public sealed class StartModel(SurveyLibrary library) : PageModel
{
    public LanguageTag Language { get; private set; }

    public IReadOnlyList<SurveyDefinition> Surveys { get; private set; } = [];

    public void OnGet()
    {
        Language = LocalizationExtensions.CurrentLanguage();
        Surveys = [.. library.Open.Where(s => s.Languages.Contains(Language))];
    }
}
