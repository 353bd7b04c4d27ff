using Microsoft.EntityFrameworkCore;
using MimeKit;
using Survey.Data;
using Survey.Definitions;
using Survey.Testing;
using Survey.Web.Mail;

namespace Survey.Web.Tests.Mail;

/// <summary>The templates in <c>locales/mail/</c>: complete in every language, only known placeholders, safe rendering.</summary>
public sealed class MailTemplateTests
{
    [Fact]
    public void Templates_Shipped_EveryTemplateInEveryLanguageWithKnownPlaceholders()
    {
        var catalog = MailTemplateCatalog.LoadDirectory(Path.Combine(RepoPaths.Locales, "mail"), ["nl", "en"]);

        Assert.Empty(catalog.Diagnostics);
        Assert.Equal(MailTemplateCatalog.Placeholders.Count * 2, catalog.Templates.Count);
        Assert.Empty(LocaleCatalog.LoadDirectory(RepoPaths.Locales).Diagnostics);
    }

    [Fact]
    public void Templates_MissingLanguageUnknownPlaceholderOrRawHtml_ReportedWithFileAndLine()
    {
        using var temp = new TempDirectory();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Locales, "mail")))
        {
            File.Copy(file, temp.File(Path.GetFileName(file)));
        }
        File.Delete(temp.File("welcome.en.md"));
        File.WriteAllText(temp.File("goodbye.nl.md"), "---\nsubject: Tot ziens\n---\nDag {{name}}.\n\n<b>vet</b>\n");

        var errors = MailTemplateCatalog.LoadDirectory(temp.Path, ["nl", "en", "de"]).Diagnostics.Select(d => d.ToString()).ToList();

        Assert.Contains(errors, e => e.Contains("welcome.en.md:1:1", StringComparison.Ordinal) && e.Contains("missing in 'en'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("goodbye.nl.md:4:1", StringComparison.Ordinal) && e.Contains("unknown placeholder '{{name}}'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("raw HTML", StringComparison.Ordinal));
        Assert.Equal(MailTemplateCatalog.Placeholders.Count, errors.Count(e => e.Contains("missing in 'de'", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_SurveyTitleWithMarkdownAndHtml_EscapedInHtmlAndPlainInText()
    {
        var catalog = MailTemplateCatalog.LoadDirectory(Path.Combine(RepoPaths.Locales, "mail"), ["nl", "en"]);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["link"] = "https://x.example/en/i/ABC", ["survey"] = "<script>alert(1)</script> *Parks* & [more](javascript:x)",
            ["closes"] = "Monday", ["manage_link"] = "https://x.example/m", ["unsubscribe_link"] = "https://x.example/u",
        };

        var mail = MailTemplateCatalog.Render(catalog.Find("invitation", "en")!, values);

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", mail.Html.Replace("[more](javascript:x)", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> *Parks* & [more](javascript:x)", mail.Text, StringComparison.Ordinal);
        Assert.Equal("Invitation: <script>alert(1)</script> *Parks* & [more](javascript:x)", mail.Subject);
    }
}

/// <summary>Pickup mode (the default): each message is a readable <c>.eml</c> file, and a crash leaves no doubt.</summary>
public sealed class OutboxPickupTests : IClassFixture<OutboxPickupTests.PickupAppFactory>
{
    private readonly PickupAppFactory _app;

    public OutboxPickupTests(PickupAppFactory app)
    {
        _app = app;
        _ = _app.Server;
    }

    [Fact]
    public async Task Drain_PickupMode_WritesReadableEmlPerMessage()
    {
        var member = PanelSeed.Member(_app.Tokens, "pickup@example.org", "en");
        await _app.DbAsync(async db =>
        {
            db.PanelMembers.Add(member);
            db.Outbox.Add(PanelSeed.Mail(member, "welcome", $"welcome:{member.Id}", _app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

        await _app.DrainAsync();

        var row = await _app.DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.MemberId == member.Id));
        var file = Path.Combine(_app.PickupFolder, $"{row.Id:D9}-welcome.eml");
        using var stream = File.OpenRead(file);
        var message = await MimeMessage.LoadAsync(stream);
        Assert.Equal("Welcome to the International Panel", message.Subject);
        Assert.Equal("pickup@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains("/en/panel/me/", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(OutboxState.Sent, row.State);
    }

    [Fact]
    public async Task Drain_PickupRowsLeftSending_FileDecidesSentOrSentNow()
    {
        var written = PanelSeed.Member(_app.Tokens, "written-before-crash@example.org");
        var notWritten = PanelSeed.Member(_app.Tokens, "not-written-before-crash@example.org");
        var (a, b) = await _app.DbAsync(async db =>
        {
            db.PanelMembers.AddRange(written, notWritten);
            var rowA = PanelSeed.Mail(written, "welcome", $"welcome:{written.Id}", _app.Clock.GetUtcNow());
            var rowB = PanelSeed.Mail(notWritten, "welcome", $"welcome:{notWritten.Id}", _app.Clock.GetUtcNow());
            rowA.State = rowB.State = OutboxState.Sending;
            db.Outbox.AddRange(rowA, rowB);
            await db.SaveChangesAsync();
            return (rowA.Id, rowB.Id);
        });
        Directory.CreateDirectory(_app.PickupFolder);
        var fileA = Path.Combine(_app.PickupFolder, $"{a:D9}-welcome.eml");
        await File.WriteAllTextAsync(fileA, "Subject: written before the crash\r\n\r\nx\r\n");

        var report = await _app.DrainAsync();

        Assert.Equal(0, report.Uncertain);
        Assert.Equal("Subject: written before the crash\r\n\r\nx\r\n", await File.ReadAllTextAsync(fileA));
        var rowB = await _app.DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == b));
        Assert.True(File.Exists(Path.Combine(_app.PickupFolder, $"{b:D9}-welcome.eml")), $"{report} {rowB.State} {rowB.LastError} {rowB.NotBefore:O} {string.Join(",", Directory.GetFiles(_app.PickupFolder))}");
        var states = await _app.DbAsync(db => db.Outbox.AsNoTracking().Where(o => o.Id == a || o.Id == b).Select(o => o.State).ToListAsync());
        Assert.All(states, s => Assert.Equal(OutboxState.Sent, s));
    }

    public sealed class PickupAppFactory : SurveyAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Mail:SweepSeconds", "86400");
            builder.UseSetting("Mail:Cron", "0 0 1 1 *");
        }

        public string PickupFolder => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "mail");

        public PersonalTokens Tokens => (PersonalTokens)Services.GetService(typeof(PersonalTokens))!;

        public async Task<DrainReport> DrainAsync()
        {
            using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(Services);
            var sender = (OutboxSender)scope.ServiceProvider.GetService(typeof(OutboxSender))!;
            return await sender.DrainAsync(CancellationToken.None) ?? throw new InvalidOperationException("another drain was running");
        }
    }
}
