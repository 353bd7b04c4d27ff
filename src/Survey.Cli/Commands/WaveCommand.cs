using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Definitions;

namespace Survey.Cli.Commands;

/// <summary>
/// <c>survey wave create | status | remind</c>: invitation waves of the International Panel on the platform's database
/// (<see cref="PlatformDatabase"/>, or <c>--database PATH</c>), with the surveys of the platform (or <c>--surveys DIR</c>).
/// Selection, sampling, status and reminders are the shared code in <c>Survey.Data/Panel/Waves</c>, as on the researcher
/// pages. Exit: 0 done, 1 refused (nothing written), 2 usage.
/// </summary>
internal static class WaveCommand
{
    public const string Usage = """
        usage: survey wave create --survey ID [--where field=value ...] [--sample N [--stratify FIELD] [--seed S]]
                                  [--stratify FIELD] [--send-at now|YYYY-MM-DDTHH:MM] [--reminders 7d,14d] [--closes YYYY-MM-DD]
               survey wave status WAVE
               survey wave remind WAVE [--now]
               (each with [--database PATH] [--surveys DIR]; fields: nationality, district, age_band, language;
                times in Europe/Amsterdam; --where twice on one field means either value)
        """;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        RunAsync(args, stdout, stderr, clock, Directory.GetCurrentDirectory(), CommandDatabase.Configured, Environment.GetEnvironmentVariable("Survey__SurveysPath"));

    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, string currentFolder, string? configuredDatabase, string? configuredSurveys)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(clock);
        if (args.Length == 0 || args[0] is not ("create" or "status" or "remind"))
        {
            if (args.Length > 0 && args[0] is "-h" or "--help")
            {
                stdout.WriteLine(Usage);
                return 0;
            }
            stderr.WriteLine(Usage);
            return 2;
        }
        var verb = args[0];
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positional = new List<string>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a is "--now")
            {
                flags.Add(a);
            }
            else if (a is "--survey" or "--where" or "--sample" or "--stratify" or "--seed" or "--send-at" or "--reminders" or "--closes" or "--database" or "--surveys" && i + 1 < args.Length)
            {
                if (!options.TryGetValue(a, out var values))
                {
                    options[a] = values = [];
                }
                values.Add(args[++i]);
            }
            else if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(a);
            }
            else
            {
                stderr.WriteLine($"survey wave {verb}: unexpected argument '{a}'");
                stderr.WriteLine(Usage);
                return 2;
            }
        }
        string? One(string name) => options.TryGetValue(name, out var v) ? v[^1] : null;

        var database = CommandDatabase.Locate(One("--database"), currentFolder, configuredDatabase);
        if (database is null)
        {
            stderr.WriteLine($"survey wave: no platform found in or above {Path.GetFullPath(currentFolder)}; give the database file with --database PATH");
            return 2;
        }
        if (!File.Exists(database))
        {
            stderr.WriteLine($"survey wave: database '{database}' does not exist (start the platform once to create it)");
            return 1;
        }

        var db = await CommandDatabase.OpenAsync(database).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            switch (verb)
            {
                case "create":
                    if (positional.Count > 0)
                    {
                        stderr.WriteLine($"survey wave create: unexpected argument '{positional[0]}'");
                        return 2;
                    }
                    var surveys = One("--surveys") ?? PlatformSurveys(currentFolder, configuredSurveys);
                    if (surveys is null)
                    {
                        stderr.WriteLine("survey wave create: no platform found; give the survey folder with --surveys DIR");
                        return 2;
                    }
                    return await CreateAsync(db, database, surveys, options, stdout, stderr, clock).ConfigureAwait(false);
                default:
                    if (positional.Count != 1 || !int.TryParse(positional[0], NumberStyles.None, CultureInfo.InvariantCulture, out var waveId))
                    {
                        stderr.WriteLine($"survey wave {verb}: give the wave's number (survey wave {verb} WAVE)");
                        return 2;
                    }
                    var wave = await db.Waves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId).ConfigureAwait(false);
                    if (wave is null)
                    {
                        stderr.WriteLine($"survey wave {verb}: there is no wave {waveId} in {database}");
                        return 1;
                    }
                    return verb == "status"
                        ? await StatusAsync(db, wave, stdout).ConfigureAwait(false)
                        : await RemindAsync(db, wave, flags.Contains("--now"), stdout, stderr, clock).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> CreateAsync(SurveyDbContext db, string database, string surveysFolder, Dictionary<string, List<string>> options, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        string? One(string name) => options.TryGetValue(name, out var v) ? v[^1] : null;
        var catalog = SurveyCatalog.LoadDirectory(surveysFolder);
        var surveyId = One("--survey");
        var survey = catalog.Surveys.FirstOrDefault(s => s.Id == surveyId);
        var request = new WaveRequest(surveyId, options.TryGetValue("--where", out var where) ? where : [], One("--sample"), One("--stratify"), One("--seed"),
            One("--send-at"), One("--reminders"), One("--closes"), "cli");
        var now = clock.GetUtcNow();
        var (plan, problems) = request.Parse(survey, now);
        if (plan is null)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine($"survey wave create: {problem.English}");
            }
            return 1;
        }
        var tokens = PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(database));
        var created = await WaveCreation.CreateAsync(db, tokens, plan, now, CancellationToken.None).ConfigureAwait(false);
        if (created.Wave is not { } wave)
        {
            foreach (var problem in created.Problems)
            {
                stderr.WriteLine($"survey wave create: {problem.English}");
            }
            return 1;
        }
        var total = created.InvitedByStratum.Values.Sum();
        stdout.WriteLine($"survey wave create: wave {wave.Id} for survey '{wave.SurveyId}' in {database}");
        stdout.WriteLine($"  selection: {(plan.Where.Count == 0 ? "all active members" : string.Join(" and ", plan.Where.Select(w => $"{w.Key} = {string.Join(" or ", w.Value)}")))} ({created.Selected} members)");
        stdout.WriteLine(plan.SampleSize is { } n
            ? $"  sample: {n} by {(plan.StratifyBy is { } f ? $"stratum {f} (proportional, largest remainder)" : "simple random sampling")}, seed {plan.Seed}"
            : $"  sample: none (everyone selected); seed {plan.Seed} recorded");
        if (plan.StratifyBy is not null)
        {
            foreach (var (stratum, count) in created.InvitedByStratum.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                stdout.WriteLine($"    {(stratum.Length == 0 ? "(none)" : stratum)}: {count}");
            }
        }
        stdout.WriteLine($"  invitations: {total}, queued for {CityTime.Format(plan.SendAt)} (Europe/Amsterdam)");
        stdout.WriteLine($"  reminders: {(plan.ReminderDays.Count == 0 ? "none" : string.Join(", ", plan.ReminderDays.Select(d => $"{d} days")) + " after sending")}; links work until {plan.ClosesOn:yyyy-MM-dd}");
        stdout.WriteLine(wave.Id.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<int> StatusAsync(SurveyDbContext db, Wave wave, TextWriter stdout)
    {
        var status = await WaveStatus.LoadAsync(db, wave.Id, CancellationToken.None).ConfigureAwait(false);
        stdout.WriteLine($"wave {wave.Id}: survey '{wave.SurveyId}', sent {CityTime.Format(wave.SendAt)}, closes {wave.ClosesOn:yyyy-MM-dd}, reminders {(wave.ReminderDays.Length == 0 ? "none" : wave.ReminderDays + " days")}");
        stdout.WriteLine($"{"stratum",-24} {"invited",8} {"mailed",8} {"bounced",8} {"answered",8} {"opted out",9} {"rate",7}");
        void Row(string name, WaveCounts c) =>
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} {c.Invited,8} {c.Mailed,8} {c.Bounced,8} {c.Answered,8} {c.OptedOut,9} {c.ResponseRate * 100,6:0.0}%"));
        Row("(all)", status!.Overall);
        foreach (var s in status.ByStratum)
        {
            Row($"{wave.StratifyBy}={(string.IsNullOrEmpty(s.Stratum) ? "(none)" : s.Stratum)}", s);
        }
        return 0;
    }

    private static async Task<int> RemindAsync(SurveyDbContext db, Wave wave, bool now, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var (queued, refusal) = await WaveReminders.EnqueueAsync(db, wave, clock.GetUtcNow(), now, CancellationToken.None).ConfigureAwait(false);
        switch (refusal)
        {
            case WaveReminders.Refusal.NotSentYet:
                stderr.WriteLine($"survey wave remind: wave {wave.Id} is sent at {CityTime.Format(wave.SendAt)}; no reminders before that");
                return 1;
            case WaveReminders.Refusal.Closed:
                stderr.WriteLine($"survey wave remind: wave {wave.Id} closed on {wave.ClosesOn:yyyy-MM-dd}; its links no longer work");
                return 1;
            default:
                stdout.WriteLine($"survey wave remind: {queued} reminder(s) queued for wave {wave.Id}");
                return 0;
        }
    }

    /// <summary>The platform's survey folder: <c>Survey:SurveysPath</c> (environment, else appsettings.json), relative to <c>src/Survey.Web</c>.</summary>
    private static string? PlatformSurveys(string folder, string? configured)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            var contentRoot = Path.Combine(dir.FullName, "src", "Survey.Web");
            var settings = Path.Combine(contentRoot, "appsettings.json");
            if (File.Exists(settings))
            {
                var path = configured;
                if (string.IsNullOrWhiteSpace(path))
                {
                    using var json = JsonDocument.Parse(File.ReadAllText(settings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                    path = json.RootElement.TryGetProperty("Survey", out var s) && s.TryGetProperty("SurveysPath", out var p) ? p.GetString() : null;
                }
                return path is null ? null : Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
            }
        }
        return null;
    }
}
