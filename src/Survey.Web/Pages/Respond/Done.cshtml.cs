using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Respond;

/// <summary>The closing page. It shows nothing of the response: a shared PC's next user learns nothing here.</summary>
public sealed class DoneModel(SurveyLibrary library) : PageModel
{
    public LanguageTag Language { get; private set; }

    public string ClosingHtml { get; private set; } = string.Empty;

    public IActionResult OnGet(string surveyId)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        var survey = library.Find(surveyId);
        if (survey is null)
        {
            return NotFound();
        }
        ClosingHtml = MarkdownRenderer.ToHtmlShared(survey.Closing[Language]);
        return Page();
    }
}
