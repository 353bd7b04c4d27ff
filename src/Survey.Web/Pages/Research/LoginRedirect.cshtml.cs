using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Research;

/// <summary><c>/research/login</c> without a language: on to the login page in the request's language (Accept-Language).</summary>
public sealed class LoginRedirectModel : PageModel
{
    public IActionResult OnGet(string? returnUrl) =>
        Redirect(ResearcherAuthentication.LoginUrl(LocalizationExtensions.CurrentLanguage().Value, Url.IsLocalUrl(returnUrl) ? returnUrl : null));
}
