using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Survey.Web.Infrastructure;

/// <summary>A <c>{lang}</c> route value must be a language with a locale file; anything else is 404.</summary>
public sealed class LanguageRouteFilter(InterfaceTexts texts) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.RouteData.Values.TryGetValue("lang", out var lang) && !texts.Supports(lang as string ?? string.Empty))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
