using System.Globalization;
using System.Text;

namespace Survey.Load;

/// <summary>Percentiles and a latency histogram fine enough to show steps of ~150 ms (SQLite busy retries) if there are any.</summary>
internal static class Report
{
    private static readonly double[] Edges = BuildEdges();

    public static string Percentiles(List<double> sorted) => sorted.Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture,
        $"p50 {At(sorted, 0.50):F1} ms, p95 {At(sorted, 0.95):F1} ms, p99 {At(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms");

    public static double At(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Buckets of 1 ms to 10 ms, 5 ms to 50, 10 ms to 500, 50 ms to 2 s; only non-empty buckets are printed.</summary>
    public static string Histogram(List<double> latencies)
    {
        var counts = new int[Edges.Length + 1];
        foreach (var ms in latencies)
        {
            var i = Array.BinarySearch(Edges, ms);
            counts[i >= 0 ? i + 1 : ~i]++;
        }
        var peak = Math.Max(1, counts.Max());
        var text = new StringBuilder();
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }
            var from = i == 0 ? 0 : Edges[i - 1];
            var label = i == Edges.Length ? $">= {from:F0} ms" : $"{from,5:F0}-{Edges[i],-5:F0} ms";
            var bar = new string('#', Math.Max(1, (int)Math.Round(40.0 * counts[i] / peak)));
            text.Append(CultureInfo.InvariantCulture, $"    {label,-14} {counts[i],8}  {100.0 * counts[i] / latencies.Count,6:F2}%  {bar}\n");
        }
        return text.ToString();
    }

    private static double[] BuildEdges()
    {
        var edges = new List<double>();
        for (var ms = 1; ms <= 10; ms++)
        {
            edges.Add(ms);
        }
        for (var ms = 15; ms <= 50; ms += 5)
        {
            edges.Add(ms);
        }
        for (var ms = 60; ms <= 500; ms += 10)
        {
            edges.Add(ms);
        }
        for (var ms = 550; ms <= 2000; ms += 50)
        {
            edges.Add(ms);
        }
        return [.. edges];
    }
}
