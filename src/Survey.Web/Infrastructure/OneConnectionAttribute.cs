using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Web.Infrastructure;

/// <summary>
/// Opens the request's database connection once around the page handler, so that its reads and writes share it: EF Core
/// otherwise takes a connection from the pool and returns it for each of them (the question page's POST reads the draft,
/// then saves it). Closed when the handler returns, before the page is rendered.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OneConnectionAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<SurveyDbContext>();
        await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        try
        {
            await next();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
