using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Research.Waves;

/// <summary>A wave's status: how it was drawn, and invited, mailed, bounced, answered, opted out and the response rate, overall and per stratum.</summary>
public sealed class WaveModel(SurveyLibrary library, SurveyDbContext db) : PageModel
{
    public LanguageTag Language { get; private set; }

    public WaveStatus Status { get; private set; } = null!;

    public string SurveyTitle { get; private set; } = string.Empty;

    public string Selection { get; private set; } = string.Empty;

    public int? Seed { get; private set; }

    public int? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? created, CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        if (await WaveStatus.LoadAsync(db, id, cancellationToken) is not { } status)
        {
            return NotFound();
        }
        Status = status;
        Created = created;
        SurveyTitle = library.Find(status.Wave.SurveyId)?.Title[Language] ?? status.Wave.SurveyId;
        using var json = System.Text.Json.JsonDocument.Parse(status.Wave.SelectionJson);
        var root = json.RootElement;
        Seed = root.TryGetProperty("seed", out var seed) && seed.ValueKind == System.Text.Json.JsonValueKind.Number ? seed.GetInt32() : null;
        var where = root.TryGetProperty("where", out var w) && w.ValueKind == System.Text.Json.JsonValueKind.Object
            ? string.Join("; ", w.EnumerateObject().Select(p => $"{p.Name} = {string.Join(" | ", p.Value.EnumerateArray().Select(v => v.GetString()))}"))
            : string.Empty;
        var sample = root.TryGetProperty("sample", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.Number ? $"n = {s.GetInt32()}" : string.Empty;
        Selection = string.Join("; ", new[] { where, sample, status.Wave.StratifyBy is { } by ? $"strata: {by}" : string.Empty }.Where(x => x.Length > 0));
        return Page();
    }

    /// <summary>The response rate as a percentage with one decimal, in the page's language.</summary>
    public static string Rate(WaveCounts counts, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return (counts.ResponseRate * 100).ToString("0.0", CultureInfo.GetCultureInfo(language.Value)) + "%";
    }
}
