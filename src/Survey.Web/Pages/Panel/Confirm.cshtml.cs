using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Data;

namespace Survey.Web.Pages.Panel;

/// <summary>
/// The confirmation link of a sign-up. Opening it shows one button; pressing it makes the member active. (A GET does not
/// confirm: mail scanners open links in mails, and must not join anybody.) Unknown or expired: the neutral page.
/// </summary>
public sealed class ConfirmModel(SurveyDbContext db, TimeProvider time) : PageModel
{
    public bool Valid { get; private set; }

    public bool Confirmed { get; private set; }

    public string Token { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var member = await PanelMembers.FindByTokenAsync(db, token, cancellationToken);
        Token = token;
        Valid = member is { Status: PanelMemberStatus.Pending, ConfirmExpiresAt: { } expires } && expires > time.GetUtcNow();
        // A member who confirmed already (a second click) sees that it worked.
        Confirmed = member is { Status: not PanelMemberStatus.Pending };
        return Valid || Confirmed ? Page() : NotValid();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var member = await PanelMembers.FindByTokenAsync(db, token, cancellationToken);
        Token = token;
        if (member is null)
        {
            return NotValid();
        }
        Confirmed = member.Status != PanelMemberStatus.Pending || await PanelMembers.ConfirmAsync(db, member, time.GetUtcNow(), cancellationToken);
        return Confirmed ? Page() : NotValid();
    }

    private PageResult NotValid()
    {
        Valid = Confirmed = false;
        return new PageResult { StatusCode = StatusCodes.Status404NotFound };
    }
}
