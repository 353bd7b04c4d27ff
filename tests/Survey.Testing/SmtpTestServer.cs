using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Survey.Testing;

/// <summary>A message as the SMTP server received it: the envelope recipients and the parsed message.</summary>
public sealed record ReceivedMail(IReadOnlyList<string> Recipients, MimeMessage Message, string Raw);

/// <summary>
/// A real SMTP server (Debian's python3-aiosmtpd, <c>smtp/server.py</c>) on a free loopback port, writing what it receives
/// to a temporary folder. <see cref="Defer"/> and <see cref="Reject"/> make it answer 451 or 550 to chosen recipients.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private readonly TempDirectory _temp = new();
    private Process? _process;

    private SmtpTestServer()
    {
    }

    public int Port { get; private set; }

    public string Folder => _temp.File("received");

    private string RulesFile => _temp.File("rules.txt");

    public static SmtpTestServer Start()
    {
        var server = new SmtpTestServer();
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        for (var attempt = 1; ; attempt++)
        {
            server.Port = FreePort();
            var start = new ProcessStartInfo(python)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(RepoPaths.Root, "tests", "Survey.Testing", "smtp", "server.py"), "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", server.Folder, "--rules", server.RulesFile })
            {
                start.ArgumentList.Add(argument);
            }
            var process = Process.Start(start)!;
            var ready = process.StandardOutput.ReadLineAsync();
            if (ready.Wait(TimeSpan.FromSeconds(30)) && ready.Result?.StartsWith("ready", StringComparison.Ordinal) == true)
            {
                process.ErrorDataReceived += (_, _) => { };
                process.BeginErrorReadLine();
                server._process = process;
                return server;
            }
            // Another process may have taken the free port in between: try another, a few times.
            if (!process.HasExited)
            {
                process.Kill();
            }
            process.WaitForExit();
            var error = process.StandardError.ReadToEnd();
            process.Dispose();
            if (attempt >= 3)
            {
                server.Dispose();
                throw new InvalidOperationException("The test SMTP server (python3-aiosmtpd, see .ci/run) did not start: " + error);
            }
        }
    }

    /// <summary>The server answers 451 (try again later) to this recipient until <see cref="Accept"/>.</summary>
    public void Defer(string address) => SetRule(address, "defer");

    /// <summary>The server answers 550 (no such user) to this recipient.</summary>
    public void Reject(string address) => SetRule(address, "reject");

    public void Accept(string address) => SetRule(address, null);

    /// <summary>Everything received so far, in order of arrival.</summary>
    public IReadOnlyList<ReceivedMail> Received()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        return [.. Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(Read)];
    }

    /// <summary>How many messages each envelope recipient got (cheap: reads only the envelope lines).</summary>
    public IReadOnlyDictionary<string, int> CountByRecipient()
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(Folder))
        {
            return counts;
        }
        foreach (var file in Directory.GetFiles(Folder, "*.eml"))
        {
            foreach (var line in File.ReadLines(file).TakeWhile(l => l.StartsWith("X-Envelope-To: ", StringComparison.Ordinal)))
            {
                var address = line["X-Envelope-To: ".Length..].Trim();
                counts[address] = counts.GetValueOrDefault(address) + 1;
            }
        }
        return counts;
    }

    public int Count => Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.eml").Length : 0;

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
        _temp.Dispose();
    }

    private static ReceivedMail Read(string file)
    {
        var raw = File.ReadAllText(file);
        var recipients = raw.Split("\r\n").TakeWhile(l => l.StartsWith("X-Envelope-To: ", StringComparison.Ordinal)).Select(l => l["X-Envelope-To: ".Length..]).ToList();
        using var stream = File.OpenRead(file);
        return new ReceivedMail(recipients, MimeMessage.Load(stream), raw);
    }

    private void SetRule(string address, string? rule)
    {
        var lines = File.Exists(RulesFile) ? File.ReadAllLines(RulesFile).Where(l => !l.EndsWith(" " + address, StringComparison.OrdinalIgnoreCase)).ToList() : [];
        if (rule is not null)
        {
            lines.Add($"{rule} {address}");
        }
        var temporary = RulesFile + ".tmp";
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, RulesFile, overwrite: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
