using MathNet.Numerics.Distributions;

namespace Survey.Statistics;

/// <summary>Confidence intervals for proportions as R's <c>svyciprop</c> computes them.</summary>
public static class ConfidenceIntervals
{
    /// <summary>
    /// Logit interval: expit(logit(p) +- t(df) * se / (p (1 - p))), R <c>svyciprop(method = "logit")</c> on the domain
    /// subset, whose df is the domain's base - 1. Returns (NaN, NaN) when p is 0 or 1 or se is 0 (R cannot fit it either).
    /// </summary>
    public static (double Lower, double Upper) Logit(double p, double se, int degreesOfFreedom, double level = 0.95)
    {
        if (!(p > 0 && p < 1) || !(se > 0) || degreesOfFreedom < 1)
        {
            return (double.NaN, double.NaN);
        }
        var t = StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - ((1 - level) / 2));
        var logit = Math.Log(p / (1 - p));
        var half = t * se / (p * (1 - p));
        return (Expit(logit - half), Expit(logit + half));
    }

    /// <summary>
    /// Korn-Graubard interval, R <c>svyciprop(method = "beta")</c>: beta quantiles with effective sample size
    /// p (1 - p) / se^2, scaled by (t(n - 1) / t(base - 1))^2 where n is the number of weighted respondents.
    /// When se is 0 (p is 0 or 1) the unweighted base is used as effective size (R returns NaN there).
    /// </summary>
    public static (double Lower, double Upper) KornGraubard(double p, double se, int baseCount, int respondents, double level = 0.95)
    {
        if (double.IsNaN(p) || baseCount < 2)
        {
            return (double.NaN, double.NaN);
        }
        var alpha = 1 - level;
        var nEff = se > 0 ? p * (1 - p) / (se * se) : baseCount;
        var ratio = StudentT.InvCDF(0, 1, respondents - 1, alpha / 2) / StudentT.InvCDF(0, 1, baseCount - 1, alpha / 2);
        nEff *= ratio * ratio;
        var lower = p <= 0 ? 0 : Beta.InvCDF(nEff * p, (nEff * (1 - p)) + 1, alpha / 2);
        var upper = p >= 1 ? 1 : Beta.InvCDF((nEff * p) + 1, nEff * (1 - p), 1 - (alpha / 2));
        return (lower, upper);
    }

    private static double Expit(double x) => 1 / (1 + Math.Exp(-x));
}
