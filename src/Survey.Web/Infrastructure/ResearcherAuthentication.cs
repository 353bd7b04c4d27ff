using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Survey.Data;

namespace Survey.Web.Infrastructure;

/// <summary>
/// Sign-in for the researcher pages (<c>/{lang}/research/…</c>): a cookie after a user name and password checked by
/// <see cref="ResearcherAccounts"/>, with failed attempts limited by <see cref="LoginThrottle"/>. Respondents never sign in
/// and never get this cookie.
/// </summary>
public static class ResearcherAuthentication
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Where the cookie handler sends an anonymous visitor; it forwards to the login page in the request's language.</summary>
    public const string LoginPath = "/research/login";

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
        });
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>The login page in <paramref name="language"/>, coming back to <paramref name="returnUrl"/> afterwards.</summary>
    public static string LoginUrl(string language, string? returnUrl) =>
        $"/{language}/research/login" + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
}
