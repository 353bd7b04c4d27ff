using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Survey.Testing;

/// <summary>
/// The real platform as a process of its own: the built <c>Survey.Web.dll</c> (of the test's own configuration) under
/// <c>dotnet</c>, in Production, on a free loopback port, with the given surveys, database and settings. For tests that
/// kill it with SIGKILL, which is what a power cut or an OOM kill does and what no in-process test host can.
/// </summary>
public sealed class PlatformProcess : IDisposable
{
    private readonly Process _process;

    private PlatformProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the platform without waiting for it to serve.</summary>
    /// <param name="settings">Platform settings by their configuration key (<c>Jobs:QueuePollSeconds</c>), passed as <c>--KEY VALUE</c>.</param>
    public static PlatformProcess Start(string surveys, string database, params (string Key, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var web = Path.Combine(RepoPaths.Root, "src", "Survey.Web");
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(web, "bin", configuration, "net10.0", "Survey.Web.dll"), "--contentRoot", web,
            "--urls", address.ToString(), "--environment", "Production",
            "--Survey:SurveysPath", surveys, "--Survey:LocalesPath", RepoPaths.Locales, "--Survey:DatabasePath", database,
        }.Concat(settings.SelectMany(s => new[] { "--" + s.Key, s.Value })))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PlatformProcess(process, address);
    }

    /// <summary>Starts the platform and waits until it serves the English home page.</summary>
    /// <param name="patience">Only stops a broken start from hanging the test; it asserts no timing.</param>
    public static async Task<PlatformProcess> StartServingAsync(string surveys, string database, TimeSpan patience, params (string Key, string Value)[] settings)
    {
        var platform = Start(surveys, database, settings);
        try
        {
            using var timeout = new CancellationTokenSource(patience);
            using var http = new HttpClient { BaseAddress = platform.Address };
            while (!await platform.ServesAsync(http).ConfigureAwait(false))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token).ConfigureAwait(false);
            }
            return platform;
        }
        catch
        {
            platform.Dispose();
            throw;
        }
    }

    /// <summary>A client of the platform that follows redirects and keeps cookies, as a browser does.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = true, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Address };

    /// <summary>SIGKILL: no shutdown, no flush, no hosted service stopping.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    /// <summary>Formats a number setting the way configuration reads it, whatever the test machine's culture.</summary>
    public static string Setting(double value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<bool> ServesAsync(HttpClient http)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"the platform exited at start-up (exit code {_process.ExitCode})");
        }
        try
        {
            using var response = await http.GetAsync(new Uri("/en", UriKind.Relative)).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
