using System.Security.Cryptography;
using System.Text;

namespace Survey.Cli.Commands.Paper;

/// <summary>
/// A stratified random sample without replacement, reproducible from its seed by anyone: the sample size is allocated
/// to the strata in proportion to their size, rounded down, and the remaining places go to the strata with the largest
/// remainders (ties: the stratum code in ordinal order); within a stratum the units with the smallest
/// SHA-256(<c>"{seed}:{id}"</c>) (as lower-case hex, compared ordinally) are drawn.
/// </summary>
internal static class StratifiedDraw
{
    /// <summary>The places per stratum: proportional, largest-remainder rounding; sums to <paramref name="n"/>.</summary>
    public static SortedDictionary<string, int> Allocate(IReadOnlyDictionary<string, int> sizes, int n)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var total = sizes.Values.Sum();
        if (n < 0 || n > total)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"the sample size must be between 0 and the frame's size {total}");
        }
        var allocation = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var remainders = new List<(string Stratum, long Remainder)>();
        foreach (var (stratum, size) in sizes.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            // Exact integer arithmetic: quota = n·size/total, so floor and remainder need no floating point.
            var product = (long)n * size;
            allocation[stratum] = total == 0 ? 0 : (int)(product / total);
            remainders.Add((stratum, total == 0 ? 0 : product % total));
        }
        var left = n - allocation.Values.Sum();
        foreach (var (stratum, _) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Stratum, StringComparer.Ordinal).Take(left))
        {
            allocation[stratum]++;
        }
        return allocation;
    }

    /// <summary>The drawn ids of one stratum: the <paramref name="count"/> with the smallest rank under the seed.</summary>
    public static IEnumerable<long> Pick(IEnumerable<long> ids, int count, string seed) =>
        ids.Select(id => (Id: id, Rank: Rank(seed, id))).OrderBy(x => x.Rank, StringComparer.Ordinal).ThenBy(x => x.Id).Take(count).Select(x => x.Id);

    public static string Rank(string seed, long id) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{seed}:{id}"))));
}
