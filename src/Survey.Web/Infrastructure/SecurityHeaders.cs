namespace Survey.Web.Infrastructure;

/// <summary>
/// Headers on every response. <c>Referrer-Policy: no-referrer</c> matters for anonymity: answer URLs hold the resume code,
/// which must not leak to a site linked from help text. <c>Cache-Control: no-store</c> keeps answers out of the cache of a
/// shared library PC.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy of a page that runs its own script from <c>/js</c> (the research results: which tables scroll). Respondent
    /// pages run no script at all and keep the default policy.
    /// </summary>
    public const string WithOwnScript =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplication UseSurveySecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // A part that needs its own policy (the jobs dashboard runs its script) set it already: keep that one.
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers["Content-Security-Policy"] =
                        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
                }
                headers["X-Content-Type-Options"] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["X-Frame-Options"] = "DENY";
                headers["Permissions-Policy"] = "interest-cohort=(), geolocation=(), camera=(), microphone=()";
                if (!context.Request.Path.StartsWithSegments("/css"))
                {
                    headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }
}
