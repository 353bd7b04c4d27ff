using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Research.Waves;

/// <summary>The form for a new wave: the same options as <c>survey wave create</c>, checked and created by the same code.</summary>
public sealed class NewModel(SurveyLibrary library, SurveyDbContext db, PersonalTokens tokens, TimeProvider clock, IStringLocalizer localizer) : PageModel
{
    public LanguageTag Language { get; private set; }

    public IReadOnlyList<SurveyDefinition> OpenSurveys => [.. library.Open];

    [BindProperty]
    public Input Form { get; set; } = new();

    public IReadOnlyList<KeyValuePair<string, string>> Errors { get; private set; } = [];

    public void OnGet()
    {
        Language = LocalizationExtensions.CurrentLanguage();
        Form = new Input { Reminders = "7d,14d" };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        var where = new List<string>();
        foreach (var (field, values) in Form.Filters())
        {
            where.AddRange((values ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => $"{field}={v}"));
        }
        var request = new WaveRequest(Form.SurveyId, where, Form.Sample, Form.StratifyBy, Form.Seed, Form.SendAt, Form.Reminders, Form.Closes, User.Identity?.Name ?? "researcher");
        var now = clock.GetUtcNow();
        var (plan, problems) = request.Parse(Form.SurveyId is { } id ? library.Find(id) : null, now);
        if (plan is not null)
        {
            var created = await WaveCreation.CreateAsync(db, tokens, plan, now, cancellationToken);
            if (created.Wave is { } wave)
            {
                return Redirect($"/{Language}/research/waves/{wave.Id}?created=1");
            }
            problems = created.Problems;
        }
        Errors = [.. problems.Select(p => new KeyValuePair<string, string>(FieldId(p.Field), localizer[p.Key, p.Args].Value))];
        return Page();
    }

    private static string FieldId(string field) => field switch
    {
        "where" => "district",
        "survey" => "survey",
        _ => field,
    };

    public sealed class Input
    {
        public string? SurveyId { get; set; }

        public string? Nationality { get; set; }

        public string? District { get; set; }

        public string? AgeBand { get; set; }

        public string? Languages { get; set; }

        public string? Sample { get; set; }

        public string? StratifyBy { get; set; }

        public string? Seed { get; set; }

        public string? SendAt { get; set; }

        public string? Reminders { get; set; }

        public string? Closes { get; set; }

        public IEnumerable<(string Field, string? Values)> Filters() =>
            [("nationality", Nationality), ("district", District), ("age_band", AgeBand), ("language", Languages)];
    }
}
