using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Survey.Web.Infrastructure;

/// <summary>At most <see cref="PermitLimit"/> requests per client in any <see cref="WindowSeconds"/> seconds (a sliding window).</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }
}

/// <summary>Per-client limits on what a guesser or a flood would use (section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Starting a survey (each start creates a draft).</summary>
    public RateLimitRule SurveyStarts { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };

    /// <summary>Resume codes typed into the resume form.</summary>
    public RateLimitRule CodeLookups { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };

    /// <summary>Access codes from letters, typed into the code form or opened from a QR code.</summary>
    public RateLimitRule AccessCodes { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };

    /// <summary>Requests for question pages, whose address holds a resume code (a guess by URL is one such request).</summary>
    public RateLimitRule AnswerPages { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Panel sign-ups (each one mails the address given).</summary>
    public RateLimitRule PanelSignUps { get; set; } = new() { PermitLimit = 5, WindowSeconds = 3600 };

    /// <summary>Requests for the panel's personal pages (confirm, my data, leave, unsubscribe), whose address holds the member's token.</summary>
    public RateLimitRule PanelLinks { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };
    /// <summary>Personal invitation links opened (<c>/{lang}/i/{token}</c>): a guessed link is one request.</summary>
    public RateLimitRule InvitationLinks { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };
}

/// <summary>
/// Where the counters live. <see cref="InMemoryRateLimitStore"/> keeps them in this process; with several nodes, register a
/// store whose limiters share their counts (for example in Redis) instead: the policies only ask for a limiter per client.
/// </summary>
public interface IRateLimitStore
{
    RateLimiter Create(string policy, string client, RateLimitRule rule);
}

public sealed class InMemoryRateLimitStore : IRateLimitStore
{
    /// <summary>The window slides in segments of about ten seconds (at most 60).</summary>
    public static int Segments(RateLimitRule rule) => Math.Clamp(rule?.WindowSeconds / 10 ?? 1, 1, 60);

    public RateLimiter Create(string policy, string client, RateLimitRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var window = TimeSpan.FromSeconds(rule.WindowSeconds);
        return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = window,
            SegmentsPerWindow = Segments(rule),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

/// <summary>
/// ASP.NET Core's rate limiter on survey starts, resume-code look-ups and question pages, per client address (after
/// <see cref="HttpHardening.UseSurveyForwardedHeaders"/>; an IPv6 client is its /64). A refused request gets 429 and the
/// status page in the respondent's language. The address is only a key in memory: never stored or logged.
/// </summary>
public static class RateLimits
{
    public const string SurveyStarts = "survey-starts";
    public const string CodeLookups = "code-lookups";
    public const string AnswerPages = "answer-pages";
    public const string PanelSignUps = "panel-signups";
    public const string PanelLinks = "panel-links";
    public const string InvitationLinks = "invitation-links";

    /// <summary>A letter's access code: a POST of the code form, or a GET of <c>/{lang}/code/{CODE}</c> (the QR code).</summary>
    public const string AccessCodes = "access-codes";

    /// <summary>The introduction: a POST starts a survey (<see cref="SurveyStarts"/>); a GET with <c>?code=</c> tells whether
    /// that draft exists (it offers to continue it), so it is a guess by address and counts like a question page.</summary>
    public const string Intro = "intro";

    public static WebApplicationBuilder AddSurveyRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        builder.Services.AddSingleton<IRateLimitStore, InMemoryRateLimitStore>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                // A sliding window frees permits segment by segment: a segment is the soonest worth retrying.
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var rule = policy switch
                {
                    SurveyStarts => limits.SurveyStarts,
                    Intro when HttpMethods.IsPost(context.HttpContext.Request.Method) => limits.SurveyStarts,
                    CodeLookups => limits.CodeLookups,
                    PanelSignUps => limits.PanelSignUps,
                    PanelLinks => limits.PanelLinks,
                    InvitationLinks => limits.InvitationLinks,
                    AccessCodes => limits.AccessCodes,
                    _ => limits.AnswerPages,
                };
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : rule.WindowSeconds / InMemoryRateLimitStore.Segments(rule);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            AddPolicy(options, SurveyStarts, limits.SurveyStarts, postsOnly: true);
            AddPolicy(options, CodeLookups, limits.CodeLookups, postsOnly: true);
            AddPolicy(options, AnswerPages, limits.AnswerPages, postsOnly: false);
            AddPolicy(options, PanelSignUps, limits.PanelSignUps, postsOnly: true);
            AddPolicy(options, PanelLinks, limits.PanelLinks, postsOnly: false);
            AddPolicy(options, InvitationLinks, limits.InvitationLinks, postsOnly: false);
            options.AddPolicy(AccessCodes, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method) && context.GetRouteValue("code") is null)
                {
                    return RateLimitPartition.GetNoLimiter("get");
                }
                var store = context.RequestServices.GetRequiredService<IRateLimitStore>();
                var client = ClientKey(context.Connection.RemoteIpAddress);
                return RateLimitPartition.Get(client, _ => store.Create(AccessCodes, client, limits.AccessCodes));
            });
            options.AddPolicy(Intro, context =>
            {
                var store = context.RequestServices.GetRequiredService<IRateLimitStore>();
                var client = ClientKey(context.Connection.RemoteIpAddress);
                if (HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.Get("start:" + client, _ => store.Create(SurveyStarts, client, limits.SurveyStarts));
                }
                return context.Request.Query.ContainsKey("code")
                    ? RateLimitPartition.Get("code:" + client, _ => store.Create(AnswerPages, client, limits.AnswerPages))
                    : RateLimitPartition.GetNoLimiter("get");
            });
        });
        builder.Services.Configure<RazorPagesOptions>(options =>
        {
            // Every page whose address holds a resume code is limited: a guess by address is one request.
            Limit(options, "/Respond/Intro", Intro);
            Limit(options, "/Respond/Resume", CodeLookups);
            Limit(options, "/Respond/Code", AccessCodes);
            Limit(options, "/Respond/Question", AnswerPages);
            Limit(options, "/Respond/Check", AnswerPages);
            Limit(options, "/Panel/SignUp", PanelSignUps);
            Limit(options, "/Panel/Confirm", PanelLinks);
            Limit(options, "/Panel/Me", PanelLinks);
            Limit(options, "/Panel/Leave", PanelLinks);
            Limit(options, "/Panel/Unsubscribe", PanelLinks);
            Limit(options, "/Respond/InvitationLink", InvitationLinks);
        });
        return builder;
    }

    /// <summary>The partition key: the client address, an IPv6 address cut to its /64 (one household or device).</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return address.ToString();
    }

    private static void AddPolicy(RateLimiterOptions options, string name, RateLimitRule rule, bool postsOnly) =>
        options.AddPolicy(name, context =>
        {
            if (postsOnly && !HttpMethods.IsPost(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("get");
            }
            var store = context.RequestServices.GetRequiredService<IRateLimitStore>();
            return RateLimitPartition.Get(ClientKey(context.Connection.RemoteIpAddress), client => store.Create(name, client, rule));
        });

    private static void Limit(RazorPagesOptions options, string page, string policy) =>
        options.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
}
