using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages;

/// <summary>
/// Error pages (400, 404, 405, 413, 429, 500) in the language of the address that failed. They are re-executed with the
/// failed request's method (a refused PUT, a too-large POST), so the page works for every method and checks no
/// antiforgery token: it only shows text.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(InterfaceTexts texts) : PageModel
{
    public string Kind { get; private set; } = "error";

    /// <summary>For a refused post or a rate limit: the page to go back to (a path of this site), else null.</summary>
    public string? BackPath { get; private set; }

    public void OnGet() => Show();

    public void OnPost() => Show();

    public void OnPut() => Show();

    public void OnDelete() => Show();

    public void OnPatch() => Show();

    public void OnTrace() => Show();

    public void OnOptions() => Show();

    // The code comes from the route only: model binding would read the failed request's form (unreadable, or with its own "code").
    private void Show()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 500;
        Kind = code switch
        {
            400 => "bad_request",
            404 => "not_found",
            405 => "method_not_allowed",
            413 => "too_large",
            429 => "too_many_requests",
            _ => "error",
        };
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? string.Empty;
        var segment = original.TrimStart('/').Split('/', 2)[0];
        // The culture middleware already chose the failed path's language; a handler cannot change it for the view.
        if (texts.Supports(segment) && code is 400 or 413 or 429)
        {
            BackPath = original;
        }
        Response.StatusCode = code;
    }
}
