using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Cli.Commands;

/// <summary>
/// <c>survey add-researcher [--database PATH] --user NAME [--admin]</c>: creates a sign-in for the researcher pages
/// (with <c>--admin</c>, one that may also open the jobs dashboard). The password
/// is read as one line from standard input (never an argument: arguments show in <c>ps</c> and shell history). The
/// database is migrated first, so this also works on a fresh install. Exit: 0 created, 1 refused, 2 usage.
/// </summary>
internal static class AddResearcherCommand
{
    public const string DefaultDatabase = "data/survey.db";

    private const string Usage = "usage: survey add-researcher [--database PATH] --user NAME [--admin]   (password on standard input)";

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(clock);

        string database = DefaultDatabase;
        string? user = null;
        var admin = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return 0;
                case "--database" when i + 1 < args.Length:
                    database = args[++i];
                    break;
                case "--user" when i + 1 < args.Length:
                    user = args[++i];
                    break;
                case "--admin":
                    admin = true;
                    break;
                default:
                    stderr.WriteLine($"survey add-researcher: unexpected argument '{args[i]}'");
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }
        if (string.IsNullOrWhiteSpace(user))
        {
            stderr.WriteLine("survey add-researcher: --user NAME is required");
            stderr.WriteLine(Usage);
            return 2;
        }

        var password = await stdin.ReadLineAsync().ConfigureAwait(false);
        if (string.IsNullOrEmpty(password))
        {
            stderr.WriteLine("survey add-researcher: no password on standard input (type it, or pipe it in)");
            return 1;
        }

        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={database}");
        var context = new SurveyDbContext(options.Options);
        await using (context.ConfigureAwait(false))
        {
            try
            {
                await DatabaseInitializer.MigrateAsync(context, CancellationToken.None).ConfigureAwait(false);
                var account = await new ResearcherAccounts(context, clock).CreateAsync(user, password, admin).ConfigureAwait(false);
                stdout.WriteLine($"survey add-researcher: created {(admin ? "administrator" : "researcher")} '{account.UserName}' in {database}");
                return 0;
            }
            catch (ResearcherAccountException e)
            {
                stderr.WriteLine($"survey add-researcher: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"survey add-researcher: cannot use database '{database}': {e.Message}");
                return 1;
            }
        }
    }
}
