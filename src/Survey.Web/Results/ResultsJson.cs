using System.Text.Json;
using Survey.Data;
using Survey.Definitions.Targets;
using Survey.Statistics;

namespace Survey.Web.Results;

/// <summary>
/// One estimate as stored in a snapshot; null where the engine has NaN (suppressed or not computable). <see cref="By"/> is
/// the split (null for the overall <c>all</c> cell; snapshots from before splits were stored have null throughout and
/// their groups belong to <see cref="ResultSnapshot.GroupVariable"/>); <see cref="ThenBy"/> and <see cref="Group2"/> are
/// the second split and its group. <see cref="BaseSuppressed"/>: disclosure control hides the group's base as well.
/// </summary>
public sealed record ResultCell(
    string Question, string? Option, string Group, int Base, int? Count, double? WeightedCount,
    double? Value, double? StandardError, double? Lower, double? Upper, bool Suppressed, bool Indicative,
    string? By = null, string? ThenBy = null, string? Group2 = null, bool BaseSuppressed = false);

/// <summary>A response's weight as stored in a snapshot; null when it was left out of weighting.</summary>
public sealed record StoredWeight(Guid Id, double? Weight);

/// <summary>One Rao-Scott test as stored in a snapshot; null where it could not be computed.</summary>
public sealed record ResultTest(string Question, string By, double? Statistic, double? NumeratorDf, double? DenominatorDf, double? PValue, string? ThenBy = null);

/// <summary>The weighting report of a snapshot, with the targets it was weighted to.</summary>
public sealed record ResultReport(
    double TargetTotal,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> TargetShares,
    IReadOnlyList<string> Steps,
    int Iterations,
    double? MaxMisfit,
    int Included,
    int Excluded,
    double WeightTotal,
    double? MinWeight,
    double? MaxWeight,
    double? MeanWeight,
    double? DesignEffect,
    double? EffectiveSampleSize,
    int MinCell,
    IReadOnlyList<string>? By = null,
    IReadOnlyList<string>? ThenBy = null,
    double? TrimLower = null,
    double? TrimUpper = null,
    int Trimmed = 0,
    bool? TrimmingConverged = null,
    bool KornGraubard = false);

/// <summary>Writes and reads the JSON columns of a <see cref="ResultSnapshot"/> (camelCase, NaN stored as null).</summary>
public static class ResultsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ResultCell> Cells(ResultSnapshot snapshot) => Read<List<ResultCell>>(snapshot?.CellsJson);

    public static IReadOnlyList<ResultTest> Tests(ResultSnapshot snapshot) => Read<List<ResultTest>>(snapshot?.TestsJson);

    public static IReadOnlyList<StoredWeight> Weights(ResultSnapshot snapshot) => Read<List<StoredWeight>>(snapshot?.WeightsJson);

    public static ResultReport Report(ResultSnapshot snapshot) => Read<ResultReport>(snapshot?.ReportJson);

    internal static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    internal static ResultCell ToCell(SplitCell split)
    {
        var c = split.Estimate;
        return new(c.Question, c.Option, c.Group, c.Base, c.Count, N(c.WeightedCount), N(c.Value), N(c.StandardError), N(c.Lower), N(c.Upper),
            c.Suppressed, c.Indicative, split.By, split.ThenBy, split.Group2, c.BaseSuppressed);
    }

    internal static ResultTest ToTest(SplitTest split)
    {
        var t = split.Test;
        return new(t.Question, t.By, N(t.Statistic), N(t.NumeratorDf), N(t.DenominatorDf), N(t.PValue), split.ThenBy);
    }

    internal static ResultReport ToReport(
        WeightedDesign weighted, PopulationTargets targets, IReadOnlyList<string> steps, int minCell, IReadOnlyList<string> by, IReadOnlyList<string> thenBy)
    {
        var r = weighted.Report;
        return new ResultReport(
            targets.Total,
            targets.Margins.ToDictionary(m => m.Variable, m => m.Shares, StringComparer.Ordinal),
            steps, r.Iterations, N(r.MaxMisfit), r.Included, r.Excluded, r.Total,
            N(r.Min), N(r.Max), N(r.Mean), N(r.DesignEffect), N(r.EffectiveSampleSize), minCell,
            by, thenBy, targets.Weighting.TrimLower, targets.Weighting.TrimUpper, r.Trimmed, r.TrimmingConverged, targets.Results.KornGraubard);
    }

    private static double? N(double value) => double.IsFinite(value) ? value : null;

    private static T Read<T>(string? json) =>
        JsonSerializer.Deserialize<T>(json ?? throw new ArgumentNullException(nameof(json)), Options)
            ?? throw new JsonException("A snapshot column holds JSON null.");
}
