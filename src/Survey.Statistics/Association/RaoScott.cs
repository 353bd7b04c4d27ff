using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Survey.Statistics;

/// <summary>Result of a Rao-Scott test; all fields NaN when the test cannot be computed.</summary>
/// <param name="Question">The question (table rows).</param>
/// <param name="By">The group variable (table columns).</param>
/// <param name="Statistic">Rao-Scott F statistic: Pearson X^2 divided by the trace of the design-effect matrix.</param>
/// <param name="NumeratorDf">Numerator degrees of freedom d0 (not an integer).</param>
/// <param name="DenominatorDf">Denominator degrees of freedom d0 * (n - 1).</param>
/// <param name="PValue">Upper tail probability of the F distribution.</param>
public sealed record RaoScottResult(string Question, string By, double Statistic, double NumeratorDf, double DenominatorDf, double PValue);

/// <summary>
/// Rao-Scott second-order corrected test of independence between a question and a group variable, as R's
/// <c>svychisq(~q + group, cal, statistic = "F")</c> on the calibrated design (matches R to 1e-6 relative).
/// Respondents with a missing answer or group are left out of the table; n (for the table scale and df) is the number
/// of weighted respondents, as in R. Rows and columns nobody has are dropped. When the design-effect matrix is
/// singular (R stops with "system is computationally singular", e.g. an empty cell) or the table has fewer than two
/// rows or columns, every number is NaN.
/// </summary>
public static class RaoScott
{
    /// <summary>Runs the test.</summary>
    public static RaoScottResult Test(WeightedDesign design, CategoricalVariable question, CategoricalVariable by)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(by);
        return Test(design, question, by, CellTable.Categorical(design, question, by));
    }

    internal static RaoScottResult Test(WeightedDesign design, CategoricalVariable question, CategoricalVariable by, CellTable table)
    {
        var failed = new RaoScottResult(question.Name, by.Name, double.NaN, double.NaN, double.NaN, double.NaN);
        var rows = Enumerable.Range(0, question.Categories.Count).Where(o => Enumerable.Range(0, by.Categories.Count).Any(g => table.Slot(g, o).Count > 0)).ToArray();
        var cols = Enumerable.Range(0, by.Categories.Count).Where(g => rows.Any(o => table.Slot(g, o).Count > 0)).ToArray();
        int nr = rows.Length, nc = cols.Length;
        if (nr < 2 || nc < 2)
        {
            return failed;
        }
        var cells = new CellSums[nr * nc];
        for (var c = 0; c < nc; c++)
        {
            for (var r = 0; r < nr; r++)
            {
                cells[r + (nr * c)] = table.Slot(cols[c], rows[r]);
            }
        }
        var d = cells.Length;
        var total = cells.Sum(c => c.W);
        var p = cells.Select(c => c.W / total).ToArray();
        var alpha = new double[d][];
        for (var k = 0; k < d; k++)
        {
            alpha[k] = new double[d];
            for (var c = 0; c < d; c++)
            {
                alpha[k][c] = ((c == k ? 1 : 0) - p[k]) / total;
            }
        }
        var v = Matrix<double>.Build.DenseOfArray(design.Calibration.Covariance(cells, alpha));
        double n = design.Frame.Rows.Length, nu = n - 1;

        var rowP = new double[nr];
        var colP = new double[nc];
        for (var c = 0; c < nc; c++)
        {
            for (var r = 0; r < nr; r++)
            {
                rowP[r] += p[r + (nr * c)];
                colP[c] += p[r + (nr * c)];
            }
        }
        var pearson = 0.0;
        for (var c = 0; c < nc; c++)
        {
            for (var r = 0; r < nr; r++)
            {
                var expected = rowP[r] * colP[c];
                var diff = p[r + (nr * c)] - expected;
                pearson += diff * diff / expected;
            }
        }
        pearson *= n;

        // Cmat: interaction columns of the saturated model, residualised on the main-effects model (R's qr.resid).
        var x1 = Matrix<double>.Build.Dense(d, nr + nc - 1);
        var x12 = Matrix<double>.Build.Dense(d, (nr - 1) * (nc - 1));
        for (var c = 0; c < nc; c++)
        {
            for (var r = 0; r < nr; r++)
            {
                var i = r + (nr * c);
                x1[i, 0] = 1;
                if (r > 0)
                {
                    x1[i, r] = 1;
                }
                if (c > 0)
                {
                    x1[i, nr - 1 + c] = 1;
                }
                if (r > 0 && c > 0)
                {
                    x12[i, (r - 1) + ((nr - 1) * (c - 1))] = 1;
                }
            }
        }
        var cmat = x12 - (x1 * x1.QR().Solve(x12));
        var iD = Matrix<double>.Build.DiagonalOfDiagonalArray([.. p.Select(x => x == 0 ? 0 : 1 / x)]);
        var denom = cmat.TransposeThisAndMultiply(iD / n) * cmat;
        var numr = cmat.TransposeThisAndMultiply(iD * v * iD) * cmat;
        if (denom.ConditionNumber() > 1e15 || !numr.Enumerate().All(double.IsFinite))
        {
            return failed;
        }
        var delta = denom.Solve(numr);
        var trace = delta.Trace();
        var d0 = trace * trace / (delta * delta).Trace();
        var f = pearson / trace;
        var ddf = d0 * nu;
        var pValue = SpecialFunctions.BetaRegularized(ddf / 2, d0 / 2, ddf / (ddf + (d0 * f)));
        return new RaoScottResult(question.Name, by.Name, f, d0, ddf, pValue);
    }
}
