namespace Survey.Data;

/// <summary>
/// A stratified random sample with proportional allocation: each stratum gets n·N<sub>h</sub>/N, rounded down, and the
/// units left over go to the strata with the largest remainders (ties: the stratum name, ordinal). Within a stratum the
/// units are drawn by a partial Fisher–Yates shuffle from <see cref="Random"/> seeded with the recorded seed, over the
/// units in a fixed order: the same members, seed and n give the same sample.
/// </summary>
public static class StratifiedSample
{
    /// <summary>How many units each stratum gets (strata in ordinal order of their key).</summary>
    public static IReadOnlyDictionary<string, int> Allocate(IReadOnlyDictionary<string, int> sizes, int n)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var total = sizes.Values.Sum();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, total);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var keys = sizes.Keys.Order(StringComparer.Ordinal).ToList();
        var allocation = new Dictionary<string, int>(StringComparer.Ordinal);
        var remainders = new List<(string Key, long Remainder)>();
        foreach (var key in keys)
        {
            // Exact integer arithmetic: quota = n·N_h / N, remainder compared as n·N_h mod N.
            var product = (long)n * sizes[key];
            allocation[key] = (int)(product / total);
            remainders.Add((key, product % total));
        }
        var left = n - allocation.Values.Sum();
        foreach (var (key, _) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Key, StringComparer.Ordinal).Take(left))
        {
            allocation[key]++;
        }
        return allocation;
    }

    /// <summary>
    /// Draws <paramref name="n"/> of <paramref name="units"/> (already in a fixed order) stratified by <paramref name="stratum"/>
    /// (null: one stratum, a simple random sample). Returns the chosen units in their original order.
    /// </summary>
    public static IReadOnlyList<T> Draw<T>(IReadOnlyList<T> units, Func<T, string>? stratum, int n, int seed)
    {
        ArgumentNullException.ThrowIfNull(units);
        var random = new Random(seed);
        var groups = units.Select((unit, index) => (unit, index)).GroupBy(u => stratum?.Invoke(u.unit) ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var allocation = Allocate(groups.ToDictionary(g => g.Key, g => g.Value.Count, StringComparer.Ordinal), n);
        var chosen = new List<(T Unit, int Index)>(n);
        foreach (var key in groups.Keys.Order(StringComparer.Ordinal))
        {
            var pool = groups[key];
            var take = allocation[key];
            for (var i = 0; i < take; i++)
            {
                var j = random.Next(i, pool.Count);
                (pool[i], pool[j]) = (pool[j], pool[i]);
                chosen.Add(pool[i]);
            }
        }
        return [.. chosen.OrderBy(c => c.Index).Select(c => c.Unit)];
    }
}
