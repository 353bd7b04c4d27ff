using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Survey.Web.Infrastructure;

/// <summary>Which reverse proxies may tell the app the client's address and scheme (section <c>Proxy</c>).</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are honoured; none by default.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of such proxies in CIDR notation (<c>10.0.0.0/8</c>); none by default.</summary>
    public IList<string> KnownNetworks { get; } = [];
}

/// <summary>
/// The HTTP surface an attacker sees: forwarded headers only from configured proxies, cookies <c>Secure</c> whenever the
/// request came over HTTPS, no <c>Server</c> header, only GET/HEAD/POST (405 otherwise), and error pages (never a stack
/// trace outside Development) that pass through <see cref="SecurityHeaders"/> like any page.
/// </summary>
public static class HttpHardening
{
    public const string AllowedMethods = "GET, HEAD, POST";

    public static WebApplicationBuilder AddSurveyHttpHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var proxies = proxy.KnownProxies.Select(p => Parse<IPAddress>(p, IPAddress.TryParse)).ToList();
        var networks = proxy.KnownNetworks.Select(n => Parse<System.Net.IPNetwork>(n, System.Net.IPNetwork.TryParse)).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; trust exactly what is configured instead.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return builder;
    }

    /// <summary>First in the pipeline: the client's address (for rate limits) and scheme (for Secure cookies).</summary>
    public static WebApplication UseSurveyForwardedHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        // With no known proxy at all the middleware would trust every sender: use it only when proxies are configured.
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.SameAsRequest });
        return app;
    }

    /// <summary>
    /// A server error shows the 500 page in the visitor's language (the developer page only in Development, which a
    /// developer asks for with <c>--launch-profile Development</c>); other error codes show their status page.
    /// </summary>
    public static WebApplication UseSurveyErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/status/500");
        }
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        return app;
    }

    /// <summary>Every page answers GET, HEAD and POST only; TRACE, PUT, DELETE, PATCH, OPTIONS … get 405.</summary>
    public static WebApplication UseSurveyAllowedMethods(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method) || IsErrorPage(context))
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = AllowedMethods;
            return Task.CompletedTask;
        });
        return app;
    }

    /// <summary>The error page re-executed for a failed request keeps that request's method and form.</summary>
    public static bool IsErrorPage(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;

    private delegate bool TryParse<T>(string? text, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value);

    private static T Parse<T>(string text, TryParse<T> parse) =>
        parse(text.Trim(), out var value) ? value! : throw new InvalidOperationException($"{ProxyOptions.Section}: '{text}' is not a valid address or network.");
}
