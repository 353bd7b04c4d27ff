using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Survey.Testing;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>
/// README's <c>dotnet run --project src/Survey.Web</c>, with its launch profile, as a visitor meets it on real Kestrel:
/// the Production environment (no developer exception page), no <c>Server</c> header, 405 for other methods.
/// </summary>
public sealed partial class ReadmeCommandTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task DotnetRun_ReadmeCommand_RunsInProductionWithoutServerHeader()
    {
        using var temp = new TempDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            // --no-build: the test run built the app already; the launch profile is still applied, as README's command does.
            ArgumentList =
            {
                "run", "--project", Path.Combine(RepoPaths.Root, "src", "Survey.Web"), "--no-build", "-c", Configuration, "--",
                "--Survey:DatabasePath=" + temp.File("survey.db"), "--urls=http://127.0.0.1:0",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        using var process = Process.Start(start)!;
        try
        {
            var (environment, address) = await ReadStartupAsync(process);

            Assert.Equal("Production", environment);
            using var http = new HttpClient { BaseAddress = address };
            using var page = await http.GetAsync("/en");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.False(page.Headers.Contains("Server"), "Server header: " + string.Join(",", page.Headers.Server));
            using var put = await http.PutAsync("/en/research", new StringContent("x"));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
            Assert.False(put.Headers.Contains("Server"));
            Assert.True(put.Headers.Contains("Content-Security-Policy"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<(string Environment, Uri Address)> ReadStartupAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string? environment = null;
        var output = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.Add(line);
            if (EnvironmentLine().Match(line) is { Success: true } env)
            {
                environment = env.Groups[1].Value;
            }
            if (ListeningLine().Match(line) is { Success: true } listening)
            {
                // The environment is logged after the address; read on until both are known.
                while (environment is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } more)
                {
                    output.Add(more);
                    environment = EnvironmentLine().Match(more) is { Success: true } e ? e.Groups[1].Value : null;
                }
                return (environment ?? "?", new Uri(listening.Groups[1].Value));
            }
        }
        throw new InvalidOperationException("The app did not start:\n" + string.Join('\n', output) + "\n" + await process.StandardError.ReadToEndAsync(timeout.Token));
    }

    [GeneratedRegex(@"Hosting environment: (\S+)")]
    private static partial Regex EnvironmentLine();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
