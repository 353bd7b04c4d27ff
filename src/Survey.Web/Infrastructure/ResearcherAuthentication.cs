using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Survey.Data;

namespace Survey.Web.Infrastructure;

/// <summary>
/// Sign-in for the researcher pages (<c>/{lang}/research/…</c>): a cookie after a user name and password checked by
/// <see cref="ResearcherAccounts"/>, with failed attempts limited by <see cref="LoginThrottle"/>. Respondents never sign in
/// and never get this cookie.
/// </summary>
/// <remarks>
/// The cookie alone does not make a session: on every request its security stamp is compared with the account's, so
/// sign-out (which renews the stamp) and a change of role end it on the server, and a cookie copied before sign-out is
/// refused. Sessions also end <see cref="AbsoluteLifetime"/> after sign-in, however active (the cookie itself slides).
/// </remarks>
public static class ResearcherAuthentication
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Where the cookie handler sends an anonymous visitor; it forwards to the login page in the request's language.</summary>
    public const string LoginPath = "/research/login";

    /// <summary>The role claim of an administrator (<see cref="ResearcherAccount.IsAdmin"/>).</summary>
    public const string AdminRole = "admin";

    /// <summary>The authorization policy of the administrators' pages (the jobs dashboard).</summary>
    public const string AdminPolicy = "administrators";

    public const string StampClaim = "survey:stamp";

    public const string SignedInClaim = "survey:signed_in";

    /// <summary>The longest a sign-in lasts, however active the researcher is.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    public static WebApplicationBuilder AddResearcherAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ResearcherAccounts>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "survey.researcher";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = LoginPath;
            options.AccessDeniedPath = LoginPath;
            options.ReturnUrlParameter = "returnUrl";
            options.Events.OnRedirectToLogin = context =>
            {
                // Straight to the page in the language of the address asked for (culture middleware ran already).
                var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect(LoginUrl(CultureInfo.CurrentUICulture.Name, returnUrl));
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                // Signed in, but without the role the page needs: say so, do not send them to sign in again.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(AdminRole));
        return builder;
    }

    /// <summary>The claims of a new sign-in of <paramref name="account"/> at <paramref name="now"/>.</summary>
    public static ClaimsPrincipal Principal(ResearcherAccount account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.UserName),
            new(StampClaim, account.SecurityStamp),
            new(SignedInClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ];
        if (account.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The signed-in researcher's account id, or null.</summary>
    public static int? AccountId(ClaimsPrincipal user) =>
        int.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The login page in <paramref name="language"/>, coming back to <paramref name="returnUrl"/> afterwards.</summary>
    public static string LoginUrl(string language, string? returnUrl) =>
        $"/{language}/research/login" + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl));

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var valid = principal is not null
            && AccountId(principal) is { } id
            && long.TryParse(principal.FindFirstValue(SignedInClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var signedIn)
            && now - DateTimeOffset.FromUnixTimeSeconds(signedIn) <= AbsoluteLifetime
            && await services.GetRequiredService<ResearcherAccounts>().SessionAsync(id, context.HttpContext.RequestAborted) is { } session
            && session.SecurityStamp == principal.FindFirstValue(StampClaim)
            && session.IsAdmin == principal.IsInRole(AdminRole);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
