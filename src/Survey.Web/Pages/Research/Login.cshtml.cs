using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Research;

/// <summary>
/// Researcher sign-in (and sign-out). The return address must be local, so the page cannot send anyone elsewhere. Too many
/// failed attempts for a name or from an address are refused for a while (<see cref="LoginThrottle"/>), on the page itself.
/// </summary>
public sealed class LoginModel(ResearcherAccounts accounts, LoginThrottle throttle, IStringLocalizer localizer, TimeProvider time) : PageModel
{
    public string? UserName { get; private set; }

    public string? ReturnUrl { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Errors { get; private set; } = [];

    public void OnGet(string? returnUrl) => ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        UserName = username;
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        var address = HttpContext.Connection.RemoteIpAddress;
        if (!throttle.TryBegin(username ?? string.Empty, address, out var retryAfter, out var byAddress))
        {
            // The address limit says nothing about the name: the message must not suggest that this name exists.
            var minutes = (int)Math.Ceiling(retryAfter.TotalMinutes);
            Errors = [new("username", localizer[byAddress ? "research.login.throttled_address" : "research.login.throttled", Math.Max(minutes, 1)])];
            return Page();
        }
        var account = await accounts.VerifyAsync(username ?? string.Empty, password ?? string.Empty, cancellationToken);
        if (account is null)
        {
            Errors = [new("username", localizer["research.login.failed"])];
            return Page();
        }
        throttle.Succeeded(username ?? string.Empty, address);

        await HttpContext.SignInAsync(ResearcherAuthentication.Scheme, ResearcherAuthentication.Principal(account, time.GetUtcNow()));
        return LocalRedirect(ReturnUrl ?? $"/{LocalizationExtensions.CurrentLanguage()}/research");
    }

    public async Task<IActionResult> OnPostLogoutAsync(CancellationToken cancellationToken)
    {
        // A new security stamp: this cookie, and any copy of it, is refused from now on (not only deleted in this browser).
        if (ResearcherAuthentication.AccountId(User) is { } id)
        {
            await accounts.EndSessionsAsync(id, cancellationToken);
        }
        await HttpContext.SignOutAsync(ResearcherAuthentication.Scheme);
        return Redirect($"/{LocalizationExtensions.CurrentLanguage()}/research/login");
    }
}
