using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;
using Survey.Web.Mail;

namespace Survey.Web.Pages.Research;

/// <summary>
/// Every mail template in every language, rendered with sample data as members would get it (subject, HTML part, plain
/// text), and how many outbox messages are in each state. The HTML part is the Markdown rendering with raw HTML off and
/// unsafe links removed, so it is shown in the page itself (no iframe).
/// </summary>
public sealed class MailModel(MailTemplates templates, MailComposer composer, SurveyLibrary library, SurveyDbContext db) : PageModel
{
    /// <summary>A fixed sample member, so the preview's links look like real ones but lead to nobody.</summary>
    private static readonly Guid SampleMemberId = new("00000000-0000-4000-8000-000000000001");

    public IReadOnlyList<Preview> Previews { get; private set; } = [];

    public IReadOnlyList<(OutboxState State, int Count)> Outbox { get; private set; } = [];

    public int Uncertain { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var survey = library.Open.FirstOrDefault() ?? (library.All.Count > 0 ? library.All[0] : null);
        var previews = new List<Preview>();
        foreach (var name in MailTemplateCatalog.Placeholders.Keys)
        {
            foreach (var language in templates.Languages)
            {
                if (templates.Find(name, language) is not { } template)
                {
                    continue;
                }
                var context = Sample(name, language, survey?.Id ?? "sample");
                var values = composer.Values(context);
                previews.Add(new Preview(name, template.Language, MailTemplateCatalog.Render(template, values)));
            }
        }
        Previews = previews;
        var counts = await db.Outbox.GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        Outbox = [.. Enum.GetValues<OutboxState>().Select(s => (s, counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0))];
        Uncertain = await db.Outbox.CountAsync(o => o.State == OutboxState.Sending && o.LastError == OutboxSender.UncertainError, cancellationToken);
    }

    private static MailContext Sample(string template, string language, string surveyId)
    {
        var member = new PanelMember
        {
            Id = SampleMemberId,
            Email = "deelnemer@example.org",
            Language = language,
            Status = template is "confirm" ? PanelMemberStatus.Pending : PanelMemberStatus.Active,
            Source = "signup",
            ConsentVersion = "sample",
            ManageTokenHash = string.Empty,
        };
        var wave = new Wave { Id = 1, SurveyId = surveyId, SelectionJson = "{}", ReminderDays = "7,14", ClosesOn = new DateOnly(2026, 12, 31), CreatedBy = "sample" };
        var invitation = template is "invitation" or "reminder"
            ? new Invitation { Id = 1, WaveId = 1, MemberId = SampleMemberId, Language = language, TokenHash = string.Empty }
            : null;
        var row = new OutboxMessage { Key = "preview", Template = template, Language = language, ToAddress = member.Email, MemberId = template is "goodbye" ? null : SampleMemberId };
        return new MailContext(row, template is "goodbye" ? null : member, invitation, invitation is null ? null : wave);
    }

    public sealed record Preview(string Template, LanguageTag Language, RenderedMail Mail);
}
