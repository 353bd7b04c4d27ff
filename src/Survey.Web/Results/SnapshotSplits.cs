using Survey.Data;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Results;

/// <summary>A table layout a researcher chose: split by <see cref="By"/>, and optionally within each group of <see cref="ThenBy"/>.</summary>
public sealed record SplitChoice(string By, string? ThenBy);

/// <summary>The cells and tests of one <see cref="SplitChoice"/> in a snapshot, and the splits a snapshot offers.</summary>
public static class SnapshotSplits
{
    /// <summary>The first splits the snapshot has (older snapshots: their one group variable).</summary>
    public static IReadOnlyList<string> By(ResultSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ResultsJson.Report(snapshot).By is { Count: > 0 } by ? by : [snapshot.GroupVariable];
    }

    /// <summary>The second splits the snapshot has.</summary>
    public static IReadOnlyList<string> ThenBy(ResultSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ResultsJson.Report(snapshot).ThenBy ?? [];
    }

    /// <summary>The choice asked for when the snapshot has it; otherwise its first split alone.</summary>
    public static SplitChoice Choose(ResultSnapshot snapshot, string? by, string? thenBy)
    {
        var offered = By(snapshot);
        var first = by is not null && offered.Contains(by, StringComparer.Ordinal) ? by : offered[0];
        var second = thenBy is not null && thenBy != first && ThenBy(snapshot).Contains(thenBy, StringComparer.Ordinal) ? thenBy : null;
        return new SplitChoice(first, second);
    }

    /// <summary>
    /// The cells of a choice, each placed by <see cref="ResultCell.Group"/> (<c>all</c> or a group of
    /// <see cref="SplitChoice.By"/>) and <see cref="ResultCell.Group2"/> (null: everyone; otherwise a group of
    /// <see cref="SplitChoice.ThenBy"/>): overall, per group of the split and, with a second split, per group of it (as
    /// group <c>all</c>) and per combination.
    /// </summary>
    public static IReadOnlyList<ResultCell> Cells(ResultSnapshot snapshot, SplitChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var cells = ResultsJson.Cells(snapshot);
        if (cells.All(c => c.By is null))
        {
            // A snapshot from before splits were stored: one split, its groups unmarked.
            return choice.ThenBy is null && choice.By == snapshot.GroupVariable ? cells : [];
        }
        var result = new List<ResultCell>();
        foreach (var c in cells)
        {
            if (c.By is null || (c.By == choice.By && c.ThenBy is null))
            {
                result.Add(c);
            }
            else if (choice.ThenBy is not null && c.By == choice.ThenBy && c.ThenBy is null)
            {
                result.Add(c with { Group = "all", Group2 = c.Group });
            }
            else if (choice.ThenBy is not null && c.By == choice.By && c.ThenBy == choice.ThenBy)
            {
                result.Add(c);
            }
        }
        return result;
    }

    /// <summary>The Rao-Scott tests of a choice: across the groups of the split, or across all combinations.</summary>
    public static IReadOnlyList<ResultTest> Tests(ResultSnapshot snapshot, SplitChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return [.. ResultsJson.Tests(snapshot).Where(t => t.By == choice.By && t.ThenBy == choice.ThenBy)];
    }

    /// <summary>The split variable for labels; null when the survey no longer has it (labels then fall back to codes).</summary>
    public static SplitVariable? Variable(SurveyLibrary library, SurveyDefinition survey, string name)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(survey);
        try
        {
            return SplitVariable.Resolve(survey, library.Targets(survey.Id), library.Groups, name);
        }
        catch (ResultsUnavailableException)
        {
            return null;
        }
    }
}
