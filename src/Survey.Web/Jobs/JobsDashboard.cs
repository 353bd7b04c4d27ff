using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Survey.Web.Infrastructure;

namespace Survey.Web.Jobs;

/// <summary>
/// Hangfire's dashboard at <see cref="Path"/>, for administrators only: the endpoint requires the
/// <see cref="ResearcherAuthentication.AdminPolicy"/> (anonymous: redirect to sign-in; a researcher without the role: 403),
/// and the dashboard's own filter checks the same role claim. Its POST actions (requeue, delete) need the app's antiforgery
/// token, which the dashboard sends from its page. The dashboard is English only (Hangfire's own texts).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/research/jobs";

    /// <summary>
    /// The dashboard runs its own script and styles from its own paths; everything else keeps the platform's policy.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path))
            {
                // Registered after the platform's security headers, so it runs before theirs at response start; they keep it.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    return Task.CompletedTask;
                });
            }
            await next();
        });
        var options = new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            AppPath = "/en/research",
            DashboardTitle = "Survey platform jobs",
            DisplayStorageConnectionString = false,
            StatsPollingInterval = 10_000,
        };
        app.MapHangfireDashboard(Path, options, app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(ResearcherAuthentication.AdminPolicy);
    }

    /// <summary>The dashboard's own check, behind the endpoint's policy: a signed-in researcher with the admin role.</summary>
    private sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true
                && user.Identity.AuthenticationType == ResearcherAuthentication.Scheme
                && user.HasClaim(ClaimTypes.Role, ResearcherAuthentication.AdminRole);
        }
    }
}
