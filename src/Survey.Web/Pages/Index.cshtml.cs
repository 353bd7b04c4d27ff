using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages;

/// <summary>The bare address: choose the language from Accept-Language (via request localization) and go there.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/" + LocalizationExtensions.CurrentLanguage().Value);
}
