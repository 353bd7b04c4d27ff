namespace Survey.Statistics;

/// <summary>
/// Sums over one cell of respondents (a question option within a group, or a group for a mean) that the linearised
/// variance needs: weights w, base weights b, answers y, and per raking level (L entries) the sums of b and w^2
/// (and of b*y and w^2*y for numeric answers).
/// </summary>
internal sealed class CellSums(int levels, bool numeric)
{
    public int Count;
    public double W;
    public double W2;
    public double Wy;
    public double W2y;
    public double W2yy;
    public readonly double[] B = new double[levels];
    public readonly double[] Q = new double[levels];
    public readonly double[]? By = numeric ? new double[levels] : null;
    public readonly double[]? Qy = numeric ? new double[levels] : null;

    public void Add(CellSums other)
    {
        Count += other.Count;
        W += other.W;
        W2 += other.W2;
        Wy += other.Wy;
        W2y += other.W2y;
        W2yy += other.W2yy;
        AddTo(B, other.B);
        AddTo(Q, other.Q);
        if (By is not null && other.By is not null && Qy is not null && other.Qy is not null)
        {
            AddTo(By, other.By);
            AddTo(Qy, other.Qy);
        }
    }

    public static CellSums Merge(IEnumerable<CellSums> cells, int levels, bool numeric)
    {
        var merged = new CellSums(levels, numeric);
        foreach (var c in cells)
        {
            merged.Add(c);
        }
        return merged;
    }

    private static void AddTo(double[] target, double[] source)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}
