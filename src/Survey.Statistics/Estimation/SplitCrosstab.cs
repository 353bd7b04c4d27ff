namespace Survey.Statistics;

/// <summary>
/// One estimate of a <see cref="SplitCrosstab"/>: overall (<see cref="By"/> null, group <c>all</c>), in a group of one
/// split variable (<see cref="By"/>; the group is <see cref="CellEstimate.Group"/>), or in a group of <see cref="By"/>
/// within group <see cref="Group2"/> of a second split <see cref="ThenBy"/>.
/// </summary>
public sealed record SplitCell(string? By, string? ThenBy, string? Group2, CellEstimate Estimate);

/// <summary>
/// A Rao-Scott test of a <see cref="SplitCrosstab"/>: across the groups of <see cref="RaoScottResult.By"/>, or, with
/// <see cref="ThenBy"/>, across all combinations of the two splits' groups.
/// </summary>
public sealed record SplitTest(string? ThenBy, RaoScottResult Test);

/// <summary>The cells (after disclosure control) and tests of a <see cref="SplitCrosstab"/>.</summary>
public sealed record SplitCrosstabResult(IReadOnlyList<SplitCell> Cells, IReadOnlyList<SplitTest> Tests);

/// <summary>
/// Every question overall, by each split variable on its own, and by each first split within each second split
/// (<c>nationality_group</c> within <c>district</c>): a group of a combination is a domain like any other, so its estimate
/// and standard error are those of R's <c>svyby(~q, ~interaction(by, then_by), cal, svymean)</c>. Disclosure control
/// runs once over all cells of a question (<see cref="LinkedSuppression"/>): every linear relation between its domains
/// (the groups of a split add up to everyone, the combinations to either split's group, finer groups to a coarser one)
/// and within them (options add up to the base) is solved for every hidden count, base, weighted count, proportion and
/// mean, with the weighting margins' group totals taken as known, and more is hidden until none is determined.
/// </summary>
public static class SplitCrosstab
{
    private const char Separator = '\u001F';

    /// <summary>Runs the crosstab; <paramref name="thenBy"/> may be empty. One-way tables are computed for every variable of both lists.</summary>
    public static SplitCrosstabResult Run(
        WeightedDesign design, IReadOnlyList<SurveyVariable> questions, IReadOnlyList<CategoricalVariable> by,
        IReadOnlyList<CategoricalVariable> thenBy, CrosstabOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(thenBy);
        options ??= new CrosstabOptions();
        var oneWay = by.Concat(thenBy).DistinctBy(v => v.Name, StringComparer.Ordinal).ToList();
        var pairs = by.SelectMany(b => thenBy.Where(t => t.Name != b.Name).Select(t => (By: b, ThenBy: t, Combined: Combine(b, t)))).ToList();
        var atoms = new SplitAtoms(design, oneWay);
        var cells = new List<SplitCell>[questions.Count];
        var tests = new List<SplitTest>[questions.Count];
        Parallel.For(0, questions.Count, i =>
        {
            var question = questions[i];
            var own = new List<SplitCell>();
            var ownTests = new List<SplitTest>();
            for (var v = 0; v < oneWay.Count; v++)
            {
                var variable = oneWay[v];
                foreach (var cell in Estimate(design, question, variable, options))
                {
                    if (cell.Group != Estimation.AllGroup)
                    {
                        own.Add(new SplitCell(variable.Name, null, null, cell));
                    }
                    else if (v == 0)
                    {
                        // The overall cells are the same for every split: keep the first split's.
                        own.Add(new SplitCell(null, null, null, cell));
                    }
                }
                if (question is CategoricalVariable q)
                {
                    ownTests.Add(new SplitTest(null, RaoScott.Test(design, q, variable)));
                }
            }
            if (oneWay.Count == 0)
            {
                own.AddRange(Estimate(design, question, null, options).Select(c => new SplitCell(null, null, null, c)));
            }
            foreach (var (b, t, combined) in pairs)
            {
                foreach (var cell in Estimate(design, question, combined, options).Where(c => c.Group != Estimation.AllGroup))
                {
                    var parts = cell.Group.Split(Separator);
                    own.Add(new SplitCell(b.Name, t.Name, parts[1], cell with { Group = parts[0] }));
                }
                if (question is CategoricalVariable q)
                {
                    ownTests.Add(new SplitTest(t.Name, RaoScott.Test(design, q, combined) with { By = b.Name }));
                }
            }
            cells[i] = Disclose(own, atoms, question, options.Disclosure);
            tests[i] = ownTests;
        });
        return new SplitCrosstabResult([.. cells.SelectMany(c => c)], [.. tests.SelectMany(t => t)]);
    }

    /// <summary>
    /// The combination of two variables: one category per pair of categories that occurs (in the order of
    /// <paramref name="by"/>, then <paramref name="thenBy"/>), missing when either is missing.
    /// </summary>
    public static CategoricalVariable Combine(CategoricalVariable by, CategoricalVariable thenBy)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(thenBy);
        var width = thenBy.Categories.Count;
        var occurs = new bool[by.Categories.Count * width];
        var b = by.RawCodes;
        var t = thenBy.RawCodes;
        if (b.Length != t.Length)
        {
            throw new ArgumentException($"'{by.Name}' and '{thenBy.Name}' have different numbers of respondents.", nameof(thenBy));
        }
        for (var i = 0; i < b.Length; i++)
        {
            if (b[i] >= 0 && t[i] >= 0)
            {
                occurs[(b[i] * width) + t[i]] = true;
            }
        }
        var index = new int[occurs.Length];
        var categories = new List<string>();
        for (var k = 0; k < occurs.Length; k++)
        {
            index[k] = occurs[k] ? categories.Count : -1;
            if (occurs[k])
            {
                categories.Add(by.Categories[k / width] + Separator + thenBy.Categories[k % width]);
            }
        }
        var codes = new int[b.Length];
        for (var i = 0; i < b.Length; i++)
        {
            codes[i] = b[i] >= 0 && t[i] >= 0 ? index[(b[i] * width) + t[i]] : -1;
        }
        return new CategoricalVariable($"{by.Name}×{thenBy.Name}", categories, codes);
    }

    private static IReadOnlyList<CellEstimate> Estimate(WeightedDesign design, SurveyVariable question, CategoricalVariable? by, CrosstabOptions options) =>
        question switch
        {
            CategoricalVariable q => Estimation.Proportions(design, q, by, options.Estimation),
            NumericVariable q => Estimation.Means(design, q, by, options.Estimation),
            _ => throw new ArgumentException($"Unsupported question type {question.GetType().Name}.", nameof(question)),
        };

    private static List<SplitCell> Disclose(List<SplitCell> cells, SplitAtoms atoms, SurveyVariable question, DisclosureRule rule)
    {
        var present = atoms.Present(question);
        var domains = new List<DisclosureDomain>();
        foreach (var domain in Enumerable.Range(0, cells.Count).GroupBy(i => (cells[i].By, cells[i].ThenBy, cells[i].Group2, cells[i].Estimate.Group)))
        {
            var (by, thenBy, group2, group) = domain.Key;
            var covered = present.Where(a => atoms.Covers(a, by, group, thenBy, group2)).ToList();
            domains.Add(new DisclosureDomain([.. domain], covered, by is null || (thenBy is null && atoms.IsMargin(by))));
        }
        var disclosed = LinkedSuppression.Apply(rule, [.. cells.Select(c => c.Estimate)], domains, atoms.Codes);
        return [.. cells.Select((c, i) => c with { Estimate = disclosed[i] })];
    }
}
