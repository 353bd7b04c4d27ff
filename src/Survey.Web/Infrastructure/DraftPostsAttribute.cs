using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Survey.Web.Infrastructure;

/// <summary>
/// For the pages whose address holds a draft's resume code (question and check pages, with <c>[IgnoreAntiforgeryToken]</c>):
/// posts need no antiforgery token, and a post another site makes the browser send is refused by its fetch metadata.
/// <para>
/// An antiforgery token protects what a browser adds by itself, a sign-in cookie. A resident has none: the resume code in
/// the address is what lets a post change a draft, and a site that knows it can answer there directly, with or without a
/// browser. So the token protects nothing on these pages, while it cost every page a cookie and four Data Protection
/// operations per answered page (a tenth of the server's CPU in the load benchmark, README "Load benchmark"), and lost the
/// page's answers when the cookie was gone (a browser restarted between loading and sending a page).
/// </para>
/// <para>
/// Still, a post that a browser marks as sent from another site (<c>Sec-Fetch-Site: cross-site</c> or <c>same-site</c>)
/// stores nothing: it is sent back to the same page with the "form expired" notice, as a failed token was. Posts without
/// fetch metadata (older browsers, scripts) are judged by the resume code alone. Pages that start or resume a draft (with
/// a code typed or posted) keep their antiforgery token: there the code comes from the form.
/// </para>
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DraftPostsAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            return;
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            context.Result = AntiforgeryFailureFilter.BackToForm(request);
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
