using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Survey.Data;

namespace Survey.Web.Infrastructure;

/// <summary>Size caps on what a visitor can send and store (section <c>Limits</c>).</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Limits";

    /// <summary>The largest form post accepted, in bytes as sent (URL-encoded). Larger posts get 413 and store nothing.</summary>
    public int MaxFormBytes { get; set; } = 256 * 1024;

    /// <summary>The largest unfinished-answers record, in UTF-8 bytes of its JSON. A save past it gets 413 and stores nothing.</summary>
    public int MaxDraftBytes { get; set; } = 1024 * 1024;
}

/// <summary>A save would make a draft larger than <see cref="RequestLimitOptions.MaxDraftBytes"/>.</summary>
public sealed class DraftTooLargeException(int bytes, int limit)
    : Exception($"A draft of {bytes} bytes is over the limit of {limit} bytes.");

/// <summary>
/// Oversized forms and drafts are refused before anything is stored, with the "too long" page in the respondent's
/// language (<c>/status/413</c>), and unreadable forms (a NUL character) with the "could not read" page (400), not the
/// "form expired" notice: the form is read here, once, under the cap, so the antiforgery check later never meets an
/// unreadable body.
/// </summary>
public static class RequestLimits
{
    public static WebApplicationBuilder AddSurveyRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RequestLimitOptions>(builder.Configuration.GetSection(RequestLimitOptions.Section));
        var limits = builder.Configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        builder.Services.Configure<FormOptions>(options =>
        {
            options.ValueLengthLimit = limits.MaxFormBytes;
            options.MultipartBodyLengthLimit = limits.MaxFormBytes;
        });
        builder.Services.AddSingleton<DraftSizeInterceptor>();
        builder.Services.ConfigureDbContext<SurveyDbContext>((services, options) => options.AddInterceptors(services.GetRequiredService<DraftSizeInterceptor>()));
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.Filters.Add<DraftTooLargeFilter>());
        return builder;
    }

    public static WebApplication UseSurveyRequestLimits(this WebApplication app)
    {
        var max = app.Services.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxFormBytes;
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method) && !HttpHardening.IsErrorPage(context))
            {
                if (request.ContentLength > max)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = max;
                }
                if (request.HasFormContentType)
                {
                    try
                    {
                        await request.ReadFormAsync(context.RequestAborted);
                    }
                    catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                    {
                        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                        return;
                    }
                    catch (InvalidDataException e)
                    {
                        // Over a form limit (value length or count): too large. Otherwise the form cannot be read, for
                        // example a NUL character: 400, whose page says so (before, both fell to "the form expired").
                        context.Response.StatusCode = e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                            ? StatusCodes.Status413PayloadTooLarge
                            : StatusCodes.Status400BadRequest;
                        return;
                    }
                }
            }
            await next(context);
        });
        return app;
    }

    /// <summary>Checks every draft about to be written; throwing here means SaveChanges writes nothing.</summary>
    private sealed class DraftSizeInterceptor(IOptions<RequestLimitOptions> options) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(eventData.Context);
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Check(eventData.Context);
            return base.SavingChanges(eventData, result);
        }

        private void Check(DbContext? context)
        {
            var limit = options.Value.MaxDraftBytes;
            foreach (var entry in context?.ChangeTracker.Entries<Draft>() ?? [])
            {
                if (entry.State is EntityState.Added or EntityState.Modified)
                {
                    var bytes = Encoding.UTF8.GetByteCount(entry.Entity.AnswersJson);
                    if (bytes > limit)
                    {
                        throw new DraftTooLargeException(bytes, limit);
                    }
                }
            }
        }
    }

    private sealed class DraftTooLargeFilter : IExceptionFilter
    {
        public void OnException(ExceptionContext context)
        {
            if (context.Exception is DraftTooLargeException)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
                context.ExceptionHandled = true;
            }
        }
    }
}
