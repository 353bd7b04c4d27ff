using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages;

/// <summary>Error pages (404, 400, 500) in the language of the address that failed.</summary>
public sealed class StatusModel(InterfaceTexts texts) : PageModel
{
    public string Kind { get; private set; } = "error";

    public void OnGet(int code)
    {
        Kind = code == 404 ? "not_found" : "error";
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? string.Empty;
        var segment = original.TrimStart('/').Split('/', 2)[0];
        if (texts.Supports(segment))
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(segment);
        }
        Response.StatusCode = code;
    }
}
