using Survey.Data;

namespace Survey.Cli.Commands;

/// <summary>
/// <c>survey add-researcher [--database PATH [--create]] --user NAME [--admin]</c>: creates a sign-in for the researcher
/// pages (with <c>--admin</c>, one that may also open the jobs dashboard). The password is read as one line from standard input (never an argument: arguments show in <c>ps</c> and shell history).
/// Without <c>--database</c> the platform's own database is used (<see cref="PlatformDatabase"/>), from whatever folder
/// the command runs in; the file used is always printed. A database file that does not exist is only created with
/// <c>--create</c> (then migrated), so a typo or the wrong folder never leaves an account in a file the platform does not
/// read. Exit: 0 created, 1 refused, 2 usage.
/// </summary>
internal static class AddResearcherCommand
{
    private const string Usage = "usage: survey add-researcher [--database PATH [--create]] --user NAME [--admin]   (password on standard input)";

    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        RunAsync(args, stdin, stdout, stderr, clock, Directory.GetCurrentDirectory(), CommandDatabase.Configured);

    /// <param name="currentFolder">Where the platform's database is looked for without <c>--database</c>.</param>
    /// <param name="configuredDatabase">The platform's <c>Survey__DatabasePath</c> environment setting, if any.</param>
    internal static async Task<int> RunAsync(
        string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider clock, string currentFolder, string? configuredDatabase)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(clock);

        string? database = null;
        string? user = null;
        var create = false;
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
                case "--create":
                    create = true;
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

        var path = CommandDatabase.Locate(database, currentFolder, configuredDatabase);
        if (path is null)
        {
            stderr.WriteLine($"survey add-researcher: no platform found in or above {Path.GetFullPath(currentFolder)} (looked for src/Survey.Web/appsettings.json); give the database file with --database PATH");
            return 2;
        }
        if (!File.Exists(path) && !create)
        {
            stderr.WriteLine($"survey add-researcher: database '{path}' does not exist. Start the platform once (dotnet run --project src/Survey.Web creates it), or add --create to create a new, empty database there.");
            return 1;
        }
        stdout.WriteLine($"survey add-researcher: using database {path}");

        var password = await stdin.ReadLineAsync().ConfigureAwait(false);
        if (string.IsNullOrEmpty(password))
        {
            stderr.WriteLine("survey add-researcher: no password on standard input (type it, or pipe it in)");
            return 1;
        }

        return await CommandDatabase.UseAsync("survey add-researcher", path, stderr, async context =>
        {
            try
            {
                var account = await new ResearcherAccounts(context, clock).CreateAsync(user, password, admin).ConfigureAwait(false);
                stdout.WriteLine($"survey add-researcher: created {(admin ? "administrator" : "researcher")} '{account.UserName}' in {path}");
                return 0;
            }
            catch (ResearcherAccountException e)
            {
                stderr.WriteLine($"survey add-researcher: {e.Message}");
                return 1;
            }
        }).ConfigureAwait(false);
    }
}
