using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Data;

namespace Survey.Web.Pages.Panel;

/// <summary>
/// Leaving the panel: one button deletes the member's data (<see cref="PanelMembers.LeaveAsync"/>). No goodbye mail: it
/// would need the address kept after the member asked for it to be deleted; the page that follows says goodbye instead.
/// </summary>
public sealed class LeaveModel(SurveyDbContext db) : PageModel
{
    public string Token { get; private set; } = string.Empty;

    public bool Valid { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        var member = await PanelMembers.FindByTokenAsync(db, token, cancellationToken);
        Valid = member is { Status: not PanelMemberStatus.Pending };
        return Valid ? Page() : NotValid();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var member = await PanelMembers.FindByTokenAsync(db, token, cancellationToken);
        if (member is null || member.Status == PanelMemberStatus.Pending)
        {
            return NotValid();
        }
        await PanelMembers.LeaveAsync(db, member, cancellationToken);
        return Redirect($"/{Infrastructure.LocalizationExtensions.CurrentLanguage().Value}/panel/left");
    }

    private PageResult NotValid()
    {
        Valid = false;
        return new PageResult { StatusCode = StatusCodes.Status404NotFound };
    }
}
