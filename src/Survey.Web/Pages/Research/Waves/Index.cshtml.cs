using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Research.Waves;

/// <summary>Every invitation wave, grouped by survey, with its response rate (one grouped query for all waves).</summary>
public sealed class IndexModel(SurveyLibrary library, SurveyDbContext db) : PageModel
{
    public LanguageTag Language { get; private set; }

    public IReadOnlyList<(string SurveyId, string Title, IReadOnlyList<(Wave Wave, WaveCounts Counts)> Waves)> Surveys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        var waves = await db.Waves.AsNoTracking().Where(w => w.Kind == WaveKind.Panel).ToListAsync(cancellationToken);
        var counts = await WaveStatus.OverallAsync(db, cancellationToken);
        Surveys = [.. waves.GroupBy(w => w.SurveyId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, library.Find(g.Key)?.Title[Language] ?? g.Key,
                (IReadOnlyList<(Wave, WaveCounts)>)[.. g.OrderByDescending(w => w.Id).Select(w => (w, counts.TryGetValue(w.Id, out var c) ? c : new WaveCounts(null, 0, 0, 0, 0, 0)))]))];
    }
}
