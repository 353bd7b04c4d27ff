using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace Survey.Web.Infrastructure;

/// <summary>
/// A post without a valid antiforgery token (an expired form, or a forged post) stores nothing. Instead of a bare 400,
/// the respondent is sent back to the same page with a message in their language; earlier pages stay saved.
/// </summary>
public sealed class AntiforgeryFailureFilter : IAlwaysRunResultFilter
{
    public const string NoticeKey = "form_expired";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = BackToForm(context.HttpContext.Request);
        }
    }

    /// <summary>The same page again, with the "form expired" notice; used for forged posts too (<see cref="DraftPostsAttribute"/>).</summary>
    public static RedirectResult BackToForm(HttpRequest request) => new(request.PathBase + request.Path + "?notice=" + NoticeKey);

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
