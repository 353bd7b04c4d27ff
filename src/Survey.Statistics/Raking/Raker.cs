namespace Survey.Statistics;

/// <summary>Iterative proportional fitting on raking cells.</summary>
internal static class Raker
{
    public readonly record struct Outcome(double[] CellFactors, int Iterations, double Misfit);

    /// <summary>Finds cell factors g so that the cell totals <c>cellBase[c] * g[c]</c> meet every margin.</summary>
    /// <exception cref="RakingDidNotConvergeException">Not within tolerance after the iteration cap.</exception>
    public static Outcome Rake(RakingFrame frame, double[] cellBase, RakingOptions options)
    {
        var v = frame.VariableCount;
        var cells = frame.CellCount;
        var cellLevels = frame.CellLevels;
        var targets = frame.Targets;
        var g = new double[cells];
        Array.Fill(g, 1.0);
        var totals = new double[frame.LevelCount];
        var ratio = new double[frame.LevelCount];
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            var sweepMisfit = 0.0;
            for (var j = 0; j < v; j++)
            {
                Array.Clear(totals);
                for (var c = 0; c < cells; c++)
                {
                    totals[cellLevels[(c * v) + j]] += cellBase[c] * g[c];
                }
                for (var level = frame.LevelOffset[j]; level < frame.LevelOffset[j + 1]; level++)
                {
                    if (targets[level] > 0)
                    {
                        sweepMisfit = Math.Max(sweepMisfit, Math.Abs(totals[level] - targets[level]) / targets[level]);
                        ratio[level] = targets[level] / totals[level];
                    }
                }
                for (var c = 0; c < cells; c++)
                {
                    g[c] *= ratio[cellLevels[(c * v) + j]];
                }
            }
            if (sweepMisfit < options.Tolerance)
            {
                return new Outcome(g, iteration, Misfit(frame, cellBase, g).Value);
            }
        }
        var (misfit, worst) = Misfit(frame, cellBase, g);
        var (variable, category) = frame.Describe(worst);
        throw new RakingDidNotConvergeException(options.MaxIterations, misfit, variable, category);
    }

    /// <summary>Largest relative misfit over all margin categories, and the level where it occurs.</summary>
    public static (double Value, int Level) Misfit(RakingFrame frame, double[] cellBase, double[] g)
    {
        var v = frame.VariableCount;
        var totals = new double[frame.LevelCount];
        for (var c = 0; c < frame.CellCount; c++)
        {
            for (var j = 0; j < v; j++)
            {
                totals[frame.CellLevels[(c * v) + j]] += cellBase[c] * g[c];
            }
        }
        var worst = 0;
        var max = 0.0;
        for (var level = 0; level < totals.Length; level++)
        {
            if (frame.Targets[level] > 0)
            {
                var misfit = Math.Abs(totals[level] - frame.Targets[level]) / frame.Targets[level];
                if (misfit > max)
                {
                    (max, worst) = (misfit, level);
                }
            }
        }
        return (max, worst);
    }
}
