using Hangfire;
using Microsoft.Extensions.Options;
using Survey.Definitions;
using Survey.Web.Infrastructure;

namespace Survey.Web.Mail;

public static class MailExtensions
{
    /// <summary>
    /// Outgoing mail: the templates of <c>locales/mail/</c>, the composer, the transport of <c>Mail:Mode</c>, the outbox
    /// sender and its sweep. Settings: the <c>Mail</c> section (<see cref="MailOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddSurveyMail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.Section));
        var platform = builder.Configuration.GetSection(SurveyPlatformOptions.Section).Get<SurveyPlatformOptions>() ?? new SurveyPlatformOptions();
        var folder = Path.Combine(platform.Resolve(builder.Environment.ContentRootPath, platform.LocalesPath), "mail");
        builder.Services.AddSingleton(sp =>
        {
            var languages = sp.GetRequiredService<InterfaceTexts>().Cultures;
            return new MailTemplates(MailTemplateCatalog.LoadDirectory(folder, languages));
        });
        builder.Services.AddSingleton<MailComposer>();
        builder.Services.AddSingleton<MailTransportFactory>();
        builder.Services.AddSingleton<OutboxGate>();
        builder.Services.AddScoped<OutboxSender>();
        builder.Services.AddScoped<OutboxJob>();
        builder.Services.AddHostedService<OutboxSweeper>();
        return builder;
    }

    /// <summary>The every-minute outbox job (<see cref="MailOptions.Cron"/>), the safety net behind the sweep.</summary>
    public static WebApplication UseSurveyMail(this WebApplication app)
    {
        var mail = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<OutboxJob>(OutboxJob.Id, job => job.RunAsync(CancellationToken.None), mail.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return app;
    }
}
