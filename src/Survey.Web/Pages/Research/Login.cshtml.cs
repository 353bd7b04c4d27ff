using System.Security.Claims;
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
public sealed class LoginModel(ResearcherAccounts accounts, LoginThrottle throttle, IStringLocalizer localizer) : PageModel
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
        if (!throttle.TryBegin(username ?? string.Empty, address, out var retryAfter))
        {
            var minutes = (int)Math.Ceiling(retryAfter.TotalMinutes);
            Errors = [new("username", localizer["research.login.throttled", Math.Max(minutes, 1)])];
            return Page();
        }
        var account = await accounts.VerifyAsync(username ?? string.Empty, password ?? string.Empty, cancellationToken);
        if (account is null)
        {
            Errors = [new("username", localizer["research.login.failed"])];
            return Page();
        }
        throttle.Succeeded(username ?? string.Empty, address);

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, account.UserName)],
            ResearcherAuthentication.Scheme);
        await HttpContext.SignInAsync(ResearcherAuthentication.Scheme, new ClaimsPrincipal(identity));
        return LocalRedirect(ReturnUrl ?? $"/{LocalizationExtensions.CurrentLanguage()}/research");
    }

    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await HttpContext.SignOutAsync(ResearcherAuthentication.Scheme);
        return Redirect($"/{LocalizationExtensions.CurrentLanguage()}/research/login");
    }
}
