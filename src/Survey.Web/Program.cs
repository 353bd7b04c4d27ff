using Survey.Web.Infrastructure;
using Survey.Web.Jobs;
using Survey.Web.Mail;
using Survey.Web.Pages.Panel;

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddSurveyDefinitions();
    builder.AddSurveyLocalization();
    builder.AddSurveyStorage();
    builder.AddSurveyPages();
    builder.AddSurveyJobs();
    builder.AddSurveyResults();
    builder.AddSurveyMail();
    builder.AddSurveyHttpHardening();
    builder.AddSurveyRequestLimits();
    builder.AddSurveyRateLimits();
    builder.AddSurveyPanel();

    var app = builder.Build();

    await app.MigrateSurveyDatabaseAsync();

    app.UseSurveyForwardedHeaders();
    app.UseSurveyErrorPages();
    app.UseSurveySecurityHeaders();
    app.UseSurveyAllowedMethods();
    app.UseSurveyRequestLimits();
    app.UseStaticFiles();
    app.UseSurveyLocalization();
    app.UseRouting();
    app.UseRateLimiter();
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapRazorPages();
    app.UseSurveyJobs();
    app.UseSurveyMail();

    await app.RunAsync();
    return 0;
}
catch (SurveyDefinitionException e)
{
    // An invalid survey or locale file: say exactly where, and do not start.
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
