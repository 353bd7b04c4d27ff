using MathNet.Numerics.LinearAlgebra;

namespace Survey.Statistics;

/// <summary>
/// Linearisation variance after raking, as R's survey package computes it for
/// <c>calibrate(svydesign(ids = ~1, weights = ~b), ~x1 + x2 + ..., calfun = "raking")</c>.
/// </summary>
/// <remarks>
/// For an estimator with influence values u_i (zero outside its domain), R replaces w_i u_i by
/// f_i = w_i (u_i - m_i'beta), beta = (sum b m m')^-1 sum b m u, where m_i is the row of the calibration model matrix
/// (intercept plus treatment dummies) and b are the base weights before calibration (<c>qr(mm * sqrt(ww))</c> in
/// <c>calibrate.survey.design2</c>). The variance is n/(n-1) sum (f_i - mean f)^2 over all n calibrated respondents.
/// Everything reduces to p-vectors and p x p matrices built per cell, so no per-respondent work is repeated.
/// </remarks>
internal sealed class CalibrationVariance
{
    private readonly int[] _levelToP;
    private readonly int _firstMarginLevels;
    private readonly Matrix<double> _gInverse;
    private readonly Matrix<double> _gw2;
    private readonly Vector<double> _sw;

    public CalibrationVariance(RakingFrame frame, double[] baseWeights, double[] weights)
    {
        N = frame.Rows.Length;
        LevelCount = frame.LevelCount;
        _firstMarginLevels = frame.LevelOffset[1];
        _levelToP = new int[LevelCount];
        var p = 1;
        for (var j = 0; j < frame.VariableCount; j++)
        {
            _levelToP[frame.LevelOffset[j]] = -1;
            for (var level = frame.LevelOffset[j] + 1; level < frame.LevelOffset[j + 1]; level++)
            {
                _levelToP[level] = p++;
            }
        }
        P = p;
        var cellB = frame.SumByCell(baseWeights);
        var cellW = frame.SumByCell(weights);
        var cellW2 = frame.SumByCell([.. weights.Select(w => w * w)]);
        var gb = new double[p, p];
        var gw2 = new double[p, p];
        var sw = new double[p];
        var v = frame.VariableCount;
        var idx = new int[v + 1];
        for (var c = 0; c < frame.CellCount; c++)
        {
            var k = 0;
            idx[k++] = 0;
            for (var j = 0; j < v; j++)
            {
                var pi = _levelToP[frame.CellLevels[(c * v) + j]];
                if (pi >= 0)
                {
                    idx[k++] = pi;
                }
            }
            for (var a = 0; a < k; a++)
            {
                sw[idx[a]] += cellW[c];
                for (var b = 0; b < k; b++)
                {
                    gb[idx[a], idx[b]] += cellB[c];
                    gw2[idx[a], idx[b]] += cellW2[c];
                }
            }
        }
        // Pseudo-inverse, as R's qr.resid tolerates a rank-deficient model matrix (nested margins).
        _gInverse = Matrix<double>.Build.DenseOfArray(gb).PseudoInverse();
        _gw2 = Matrix<double>.Build.DenseOfArray(gw2);
        _sw = Vector<double>.Build.DenseOfArray(sw);
    }

    /// <summary>Number of calibrated respondents.</summary>
    public int N { get; }

    public int LevelCount { get; }

    /// <summary>Columns of the calibration model matrix.</summary>
    public int P { get; }

    /// <summary>
    /// Covariance of d linear statistics whose influence value for respondent i in cell c is
    /// alpha[k][c] + gamma[k][c] * y_i (zero outside the cells).
    /// </summary>
    public double[,] Covariance(IReadOnlyList<CellSums> cells, double[][] alpha, double[][]? gamma = null)
    {
        var d = alpha.Length;
        var beta = new Vector<double>[d];
        var squ = new Vector<double>[d];
        var swu = new double[d];
        var levelB = new double[LevelCount];
        var levelQ = new double[LevelCount];
        for (var k = 0; k < d; k++)
        {
            Array.Clear(levelB);
            Array.Clear(levelQ);
            for (var c = 0; c < cells.Count; c++)
            {
                var a = alpha[k][c];
                var g = gamma?[k][c] ?? 0;
                var cell = cells[c];
                swu[k] += (a * cell.W) + (g * cell.Wy);
                for (var l = 0; l < LevelCount; l++)
                {
                    levelB[l] += a * cell.B[l];
                    levelQ[l] += a * cell.Q[l];
                }
                if (g != 0 && cell.By is not null && cell.Qy is not null)
                {
                    for (var l = 0; l < LevelCount; l++)
                    {
                        levelB[l] += g * cell.By[l];
                        levelQ[l] += g * cell.Qy[l];
                    }
                }
            }
            beta[k] = _gInverse * ToP(levelB);
            squ[k] = ToP(levelQ);
        }
        var cov = new double[d, d];
        var sf = new double[d];
        for (var k = 0; k < d; k++)
        {
            sf[k] = swu[k] - _sw.DotProduct(beta[k]);
        }
        for (var k = 0; k < d; k++)
        {
            var gwBeta = _gw2 * beta[k];
            for (var l = k; l < d; l++)
            {
                var suu = 0.0;
                for (var c = 0; c < cells.Count; c++)
                {
                    var cell = cells[c];
                    double ak = alpha[k][c], al = alpha[l][c];
                    double gk = gamma?[k][c] ?? 0, gl = gamma?[l][c] ?? 0;
                    suu += (ak * al * cell.W2) + (((ak * gl) + (gk * al)) * cell.W2y) + (gk * gl * cell.W2yy);
                }
                var sff = suu - beta[l].DotProduct(squ[k]) - beta[k].DotProduct(squ[l]) + beta[l].DotProduct(gwBeta);
                cov[k, l] = cov[l, k] = N / (N - 1.0) * (sff - (sf[k] * sf[l] / N));
            }
        }
        return cov;
    }

    private Vector<double> ToP(double[] levels)
    {
        var p = new double[P];
        for (var l = 0; l < _firstMarginLevels; l++)
        {
            p[0] += levels[l];
        }
        for (var l = 0; l < levels.Length; l++)
        {
            if (_levelToP[l] >= 0)
            {
                p[_levelToP[l]] = levels[l];
            }
        }
        return Vector<double>.Build.DenseOfArray(p);
    }
}
