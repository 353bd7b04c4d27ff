using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Data;

namespace Survey.Web.Pages.Panel;

/// <summary>
/// The unsubscribe link of every mail: a page with one button (GET changes nothing), and the POST that unsubscribes. The
/// POST also serves RFC 8058 one-click unsubscribes from mail providers (<c>List-Unsubscribe=One-Click</c>, no cookies, no
/// antiforgery token), so this page's only POST does not ask for one: unsubscribing someone needs their token anyway.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(SurveyDbContext db) : PageModel
{
    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public string Token { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        var member = await PanelMembers.FindByTokenAsync(db, token, cancellationToken);
        Valid = member is { Status: not PanelMemberStatus.Pending };
        return Valid ? Page() : new PageResult { StatusCode = StatusCodes.Status404NotFound };
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        var member = await PanelMembers.FindByTokenAsync(db, token, cancellationToken);
        if (member is null || member.Status == PanelMemberStatus.Pending)
        {
            return new PageResult { StatusCode = StatusCodes.Status404NotFound };
        }
        await PanelMembers.UnsubscribeAsync(db, member, cancellationToken);
        Valid = Done = true;
        return Page();
    }
}
