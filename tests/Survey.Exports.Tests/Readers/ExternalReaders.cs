using System.Diagnostics;
using System.Text;

namespace Survey.Exports.Tests.Readers;

/// <summary>
/// Runs the two independent readers of SPSS and Stata files: PSPP (<c>pspp</c>, <c>pspp-convert</c>, Debian <c>pspp</c>)
/// and R haven (Debian <c>r-cran-haven</c>, through <c>read_stat.R</c>). A missing reader fails the test with the package
/// to install; CI installs both (<c>.ci/run</c>).
/// </summary>
internal static class ExternalReaders
{
    /// <summary>What haven read: the file label, and per variable its label, class, display format, value labels, missing values and values.</summary>
    public static HavenFile Haven(string path)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Readers", "read_stat.R");
        var output = path + ".haven.tsv";
        Run("Rscript", "r-base-core and r-cran-haven", [script, path, output]);
        return HavenFile.Parse(File.ReadAllLines(output, Encoding.UTF8));
    }

    /// <summary>PSPP's <c>pspp-convert</c> of the file to CSV (values; with <paramref name="labels"/> value labels instead of codes).</summary>
    public static string PsppCsv(string path, bool labels = false)
    {
        var output = path + (labels ? ".labels.csv" : ".csv");
        Run("pspp-convert", "pspp", labels ? ["--labels", path, output] : [path, output]);
        return File.ReadAllText(output, Encoding.UTF8);
    }

    /// <summary>PSPP's description of the file (<c>SYSFILE INFO</c> as CSV tables: weight, documents, variables, labels, missing values, attributes).</summary>
    public static string PsppInfo(string path)
    {
        var syntax = path + ".sps";
        File.WriteAllText(syntax, $"SYSFILE INFO FILE='{path}'.\n", new UTF8Encoding(false));
        return Run("pspp", "pspp", ["-O", "format=csv", "-o", "-", syntax]);
    }

    private static string Run(string program, string package, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["LC_ALL"] = "C.UTF-8";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' is not installed: install the Debian package {package} (CI does, in .ci/run).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {stderr}");
            return stdout.Result;
        }
    }
}

/// <summary>The facts <c>read_stat.R</c> printed.</summary>
internal sealed record HavenFile(
    string Label,
    IReadOnlyDictionary<string, (string Label, string Class, string Format)> Variables,
    ILookup<string, (string Value, string Label)> ValueLabels,
    ILookup<string, string> MissingValues,
    IReadOnlyDictionary<string, (string Low, string High)> MissingRanges,
    IReadOnlyDictionary<string, List<string>> Values)
{
    public static HavenFile Parse(string[] lines)
    {
        var fields = lines.Select(l => l.Split('\t')).ToList();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var f in fields.Where(f => f[0] == "VALUE"))
        {
            (values.TryGetValue(f[1], out var list) ? list : values[f[1]] = []).Add(f[3]);
        }
        return new HavenFile(
            fields.Single(f => f[0] == "FILE")[1],
            fields.Where(f => f[0] == "VAR").ToDictionary(f => f[1], f => (f[2], f[3], f.Length > 4 ? f[4] : string.Empty), StringComparer.Ordinal),
            fields.Where(f => f[0] == "LABEL").ToLookup(f => f[1], f => (f[2], f[3]), StringComparer.Ordinal),
            fields.Where(f => f[0] == "NA").ToLookup(f => f[1], f => f[2], StringComparer.Ordinal),
            fields.Where(f => f[0] == "NARANGE").ToDictionary(f => f[1], f => (f[2], f[3]), StringComparer.Ordinal),
            values);
    }

    public string LabelOf(string variable, string value) => ValueLabels[variable].Single(l => l.Value == value).Label;
}
