using Survey.Data;

namespace Survey.Cli.Commands;

/// <summary>
/// <c>survey researcher-role [--database PATH] --user NAME --grant-admin | --revoke-admin</c>: gives a researcher the
/// administrator role (the jobs dashboard at <c>/research/jobs</c>) or takes it away. Either way the researcher's sessions
/// end, so the change holds from their next request. Exit: 0 changed, 1 no such researcher or unusable database, 2 usage.
/// </summary>
internal static class ResearcherRoleCommand
{
    private const string Usage = "usage: survey researcher-role [--database PATH] --user NAME --grant-admin | --revoke-admin";

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        RunAsync(args, stdout, stderr, clock, Directory.GetCurrentDirectory(), CommandDatabase.Configured);

    /// <param name="currentFolder">Where the platform's database is looked for without <c>--database</c>.</param>
    /// <param name="configuredDatabase">The platform's <c>Survey__DatabasePath</c> environment setting, if any.</param>
    internal static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, string currentFolder, string? configuredDatabase)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(clock);

        string? database = null;
        string? user = null;
        bool? admin = null;
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
                case "--grant-admin" when admin is null:
                    admin = true;
                    break;
                case "--revoke-admin" when admin is null:
                    admin = false;
                    break;
                default:
                    stderr.WriteLine($"survey researcher-role: unexpected argument '{args[i]}'");
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }
        if (string.IsNullOrWhiteSpace(user) || admin is not { } grant)
        {
            stderr.WriteLine("survey researcher-role: --user NAME and one of --grant-admin or --revoke-admin are required");
            stderr.WriteLine(Usage);
            return 2;
        }
        var path = CommandDatabase.Locate(database, currentFolder, configuredDatabase);
        if (path is null)
        {
            stderr.WriteLine($"survey researcher-role: no platform found in or above {Path.GetFullPath(currentFolder)} (looked for src/Survey.Web/appsettings.json); give the database file with --database PATH");
            return 2;
        }
        if (!File.Exists(path))
        {
            stderr.WriteLine($"survey researcher-role: no database at '{path}' (give its path with --database)");
            return 1;
        }

        return await CommandDatabase.UseAsync("survey researcher-role", path, stderr, async context =>
        {
            if (!await new ResearcherAccounts(context, clock).SetAdminAsync(user, grant).ConfigureAwait(false))
            {
                stderr.WriteLine($"survey researcher-role: no researcher named '{user.Trim()}' in {path}");
                return 1;
            }
            stdout.WriteLine($"survey researcher-role: '{user.Trim()}' is {(grant ? "now" : "no longer")} an administrator; their sessions have ended");
            return 0;
        }).ConfigureAwait(false);
    }
}
