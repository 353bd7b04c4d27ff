using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Definitions.Panel;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Research;

/// <summary>Panel members for researchers: counts by status and by profile field, and the CSV import (<see cref="PanelImport"/>,
/// the same code as <c>survey panel import</c>) with its report by line.</summary>
public sealed class PanelModel(SurveyDbContext db, PanelProfile profile, PersonalTokens tokens, TimeProvider time, IStringLocalizer localizer) : PageModel
{
    public PanelProfile Profile => profile;

    public LanguageTag Language { get; private set; }

    public IReadOnlyDictionary<PanelMemberStatus, int> ByStatus { get; private set; } = new Dictionary<PanelMemberStatus, int>();

    /// <summary>Active members per field and code (null: not given).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(string? Code, int Count)>> ByField { get; private set; } = new Dictionary<string, IReadOnlyList<(string?, int)>>();

    public ImportReport? Report { get; private set; }

    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await CountAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool skipInvalid, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Errors.Add(new("file", localizer["panel.import.no_file"]));
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var text = await reader.ReadToEndAsync(cancellationToken);
            Report = await PanelImport.ImportAsync(db, tokens, profile, text, skipInvalid, time.GetUtcNow(), cancellationToken);
            if (Report.FileError is not null)
            {
                Errors.Add(new("file", Report.FileError));
            }
        }
        await CountAsync(cancellationToken);
        return Page();
    }

    private async Task CountAsync(CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        var members = await db.PanelMembers.AsNoTracking()
            .Select(m => new { m.Status, m.Nationality, m.District, m.AgeBand }).ToListAsync(cancellationToken);
        ByStatus = members.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count());
        var active = members.Where(m => m.Status == PanelMemberStatus.Active).ToList();
        ByField = new Dictionary<string, IReadOnlyList<(string?, int)>>(StringComparer.Ordinal)
        {
            [PanelProfile.Nationality] = Count(profile.Field(PanelProfile.Nationality), active.Select(m => m.Nationality)),
            [PanelProfile.District] = Count(profile.Field(PanelProfile.District), active.Select(m => m.District)),
            [PanelProfile.AgeBand] = Count(profile.Field(PanelProfile.AgeBand), active.Select(m => m.AgeBand)),
        };
    }

    /// <summary>Every code of the field in profile order (zeros included), codes no longer in the profile, then "not given".</summary>
    private static List<(string?, int)> Count(PanelProfileField field, IEnumerable<string?> values)
    {
        var counts = values.GroupBy(v => v ?? string.Empty).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rows = field.Options.Select(o => ((string?)o.Code, counts.GetValueOrDefault(o.Code))).ToList();
        rows.AddRange(counts.Keys.Where(k => k.Length > 0 && !field.IsCode(k)).Order(StringComparer.Ordinal).Select(k => ((string?)k, counts[k])));
        rows.Add((null, counts.GetValueOrDefault(string.Empty)));
        return rows;
    }
}
