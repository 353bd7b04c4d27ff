using System.Diagnostics;
using System.Globalization;
using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Load;

// Closed-loop load on a running platform (started by run.sh): N residents completing the shipped surveys over HTTP.
// Prints page submits/s, completed surveys/s, latency percentiles and histogram, server CPU per submit, and the raw
// durable commit rate of SQLite on the same disk, measured in the same run.
var options = Options.Parse(args);
var catalog = SurveyCatalog.LoadDirectory(options.Surveys);
if (!catalog.IsValid)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, catalog.Diagnostics));
    return 2;
}
IReadOnlyList<SurveyDefinition> surveys = [.. catalog.Surveys.Where(s => s.Status == SurveyStatus.Open)];
var inv = CultureInfo.InvariantCulture;

Console.WriteLine(string.Create(inv, $"load benchmark: {options.Residents} residents, {options.Seconds} s measured after {options.Warmup} s warm-up, surveys: {string.Join(", ", surveys.Select(s => s.Id))}"));
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average at start {LoadAverage()}");

// The disk's limit first, while nothing else of ours runs.
var raw1 = RawCommit.Measure(options.DataDir, TimeSpan.FromSeconds(options.RawSeconds), 1);
var raw8 = RawCommit.Measure(options.DataDir, TimeSpan.FromSeconds(options.RawSeconds), 8);
Console.WriteLine(string.Create(inv, $"raw durable commits (SQLite WAL, synchronous=FULL, one connection, same disk): {raw1.Commits:F0} transactions/s of 1 row; {raw8.Commits:F0} transactions/s of 8 rows ({raw8.Rows:F0} rows/s)"));

var server = Process.GetProcessById(options.ServerPid);
var clock = Stopwatch.StartNew();
var measureFrom = TimeSpan.FromSeconds(options.Warmup);
var stop = measureFrom + TimeSpan.FromSeconds(options.Seconds);
var tallies = Enumerable.Range(0, options.Residents).Select(_ => new Tally()).ToArray();
var residents = Enumerable.Range(0, options.Residents).Select(i => new Resident(options.Url, surveys, options.Seed + i)).ToArray();
var running = residents.Select((r, i) => Task.Run(() => r.RunAsync(clock, measureFrom, stop, tallies[i]))).ToArray();

await Task.Delay(measureFrom);
server.Refresh();
var cpuStart = server.TotalProcessorTime;
var kernelStart = server.PrivilegedProcessorTime;
var self = Process.GetCurrentProcess();
var generatorStart = self.TotalProcessorTime;
var measureStart = clock.Elapsed;
await Task.Delay(stop - clock.Elapsed);
server.Refresh();
var cpuEnd = server.TotalProcessorTime;
var kernelEnd = server.PrivilegedProcessorTime;
self.Refresh();
var generatorMs = (self.TotalProcessorTime - generatorStart).TotalMilliseconds;
var measured = (clock.Elapsed - measureStart).TotalSeconds;
await Task.WhenAll(running);
foreach (var resident in residents)
{
    resident.Dispose();
}

var submits = tallies.SelectMany(t => t.Submits).Order().ToList();
var loads = tallies.SelectMany(t => t.Loads).Order().ToList();
var completed = tallies.Sum(t => t.Completed);
var refused = tallies.Sum(t => t.Refused);
var errors = tallies.SelectMany(t => t.Errors).ToList();
var cpuMs = (cpuEnd - cpuStart).TotalMilliseconds;
var kernelMs = (kernelEnd - kernelStart).TotalMilliseconds;
var submitRate = submits.Count / measured;

Console.WriteLine(string.Create(inv, $"page submits (POST: start, each question page, send): {submits.Count} in {measured:F1} s = {submitRate:F0}/s; completed surveys {completed} = {completed / measured:F1}/s"));
Console.WriteLine($"  submit latency: {Report.Percentiles(submits)}");
Console.WriteLine($"  page load (GET) latency: {Report.Percentiles(loads)}");
Console.WriteLine(string.Create(inv, $"server CPU: {cpuMs:F0} ms in {measured:F1} s = {cpuMs / Math.Max(1, submits.Count):F2} ms per submit (all requests' CPU, GETs included, ÷ submits); {cpuMs / Math.Max(1, submits.Count + loads.Count):F2} ms per request; of it in the kernel (sockets, fsync) {kernelMs / Math.Max(1, submits.Count):F2} ms per submit"));
Console.WriteLine(string.Create(inv, $"load generator CPU (same machine): {generatorMs / Math.Max(1, submits.Count):F2} ms per submit; server and generator together used {(cpuMs + generatorMs) / measured / 1000:F2} of {Environment.ProcessorCount} cores"));
Console.WriteLine(string.Create(inv, $"submits/s ÷ raw commits/s = {submitRate / raw1.Commits:F3} (target ≥ 0.125); p99 ÷ p50 = {Report.At(submits, 0.99) / Report.At(submits, 0.5):F1}"));
Console.WriteLine($"refused pages (answers the server did not accept): {refused}; errors: {errors.Count}");
foreach (var error in errors.GroupBy(e => e).Take(5))
{
    Console.WriteLine(string.Create(inv, $"  {error.Count()} × {error.Key}"));
}
Console.WriteLine("submit latency histogram (bucket, count, share):");
Console.Write(Report.Histogram(submits));
Console.WriteLine($"load average at end {LoadAverage()}");
return errors.Count == 0 && refused == 0 ? 0 : 1;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

namespace Survey.Load
{
    internal sealed record Options(Uri Url, int ServerPid, string DataDir, string Surveys, int Residents, int Seconds, int Warmup, int RawSeconds, int Seed)
    {
        public static Options Parse(string[] args)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                map[args[i].TrimStart('-')] = args[i + 1];
            }
            string Get(string key, string? fallback = null) =>
                map.TryGetValue(key, out var v) ? v : fallback ?? throw new ArgumentException($"--{key} is required");
            int Int(string key, int fallback) => int.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
            return new Options(
                new Uri(Get("url")),
                int.Parse(Get("server-pid"), CultureInfo.InvariantCulture),
                Get("data-dir"),
                Get("surveys"),
                Int("residents", 8),
                Int("seconds", 20),
                Int("warmup", 5),
                Int("raw-seconds", 3),
                Int("seed", 1));
        }
    }
}
