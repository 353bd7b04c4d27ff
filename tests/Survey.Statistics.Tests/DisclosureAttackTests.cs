using System.Globalization;
using Survey.Cli.Analysis;
using Survey.Testing;

namespace Survey.Statistics.Tests;

/// <summary>
/// The reader as attacker (<see cref="DisclosureAttacker"/>): every additive relation of a published table solved for every
/// hidden figure. First that the attacker finds what subtraction gives away, then that the engine's tables and the CLI's
/// crosstab give nothing away.
/// </summary>
public class DisclosureAttackTests
{
    private static readonly Dictionary<string, string>[] ThreeGroups =
        [.. new[] { "nl", "eu", "non_eu" }.Select(g => new Dictionary<string, string> { ["nationality_group"] = g })];

    private static AttackDomain Group(string g) => AttackDomain.Of(("nationality_group", g));

    [Fact]
    public void Attacker_HiddenBaseOfOneGroup_IsSolvedAsAllMinusTheOthers()
    {
        var attacker = new DisclosureAttacker(ThreeGroups, ["yes", "no"]);
        attacker.Shown(AttackDomain.All, null, AttackFigure.Base, 120);
        attacker.Shown(Group("nl"), null, AttackFigure.Base, 80);
        attacker.Shown(Group("non_eu"), null, AttackFigure.Base, 33);
        attacker.Hidden(Group("eu"), null, AttackFigure.Base);

        Assert.Equal(["Base of mean in nationality_group=eu"], attacker.Determined());
    }

    [Fact]
    public void Attacker_HiddenMeanWithPublicGroupTotals_IsSolvedFromTheTotalMean()
    {
        var attacker = new DisclosureAttacker(ThreeGroups, [null]);
        attacker.Shown(AttackDomain.All, null, AttackFigure.Mean, 4.1);
        attacker.Shown(Group("nl"), null, AttackFigure.Mean, 4.3);
        attacker.Shown(Group("non_eu"), null, AttackFigure.Mean, 3.2);
        foreach (var domain in new[] { AttackDomain.All, Group("nl"), Group("eu"), Group("non_eu") })
        {
            attacker.PublicTotal(domain);
        }
        attacker.Hidden(Group("eu"), null, AttackFigure.Mean);
        Assert.Equal(["Mean of mean in nationality_group=eu"], attacker.Determined());

        // Without the group totals the weights of nl and non_eu are unknown, and so is the mean of eu.
        var blind = new DisclosureAttacker(ThreeGroups, [null]);
        blind.Shown(AttackDomain.All, null, AttackFigure.Mean, 4.1);
        blind.Shown(Group("nl"), null, AttackFigure.Mean, 4.3);
        blind.Shown(Group("non_eu"), null, AttackFigure.Mean, 3.2);
        blind.Hidden(Group("eu"), null, AttackFigure.Mean);
        Assert.Empty(blind.Determined());
    }

    [Fact]
    public void Attacker_HiddenProportionWithPublicGroupTotals_IsSolvedFromTheOverallProportion()
    {
        var attacker = new DisclosureAttacker(ThreeGroups, ["yes", "no"]);
        foreach (var (domain, yes) in new[] { (AttackDomain.All, 0.6), (Group("nl"), 0.62), (Group("non_eu"), 0.55) })
        {
            attacker.Shown(domain, "yes", AttackFigure.Proportion, yes);
            attacker.Shown(domain, "no", AttackFigure.Proportion, 1 - yes);
            attacker.PublicTotal(domain);
        }
        attacker.PublicTotal(Group("eu"));
        attacker.Hidden(Group("eu"), "yes", AttackFigure.Proportion);
        attacker.Hidden(Group("eu"), "no", AttackFigure.Proportion);

        Assert.Equal(2, attacker.Determined().Count);
    }

    public static TheoryData<string, int> CliCases => new() { { "nationality_group", 10 }, { "district", 10 }, { "nationality_group", 90 }, { "district", 75 } };

    [Theory]
    [MemberData(nameof(CliCases))]
    public void CliCrosstab_EveryHiddenFigure_CannotBeSolvedFromTheOutput(string by, int minCell)
    {
        using var dir = new TempDirectory();
        var args = new[] { "--data", ReferenceData.PathOf("normal-data.csv"), "--targets", ReferenceData.PathOf("normal-targets.yaml"), "--by", by, "--base-weight", "base_weight", "--min-cell", minCell.ToString(CultureInfo.InvariantCulture), "--out", dir.File("ct.csv") };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.True(CrosstabCommand.Run(args, stdout, stderr) == 0, stderr.ToString());
        var data = ReferenceData.ReadCsv("normal-data.csv");
        var output = File.ReadAllLines(dir.File("ct.csv"));
        var header = output[0].Split(',');
        var rows = output.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();

        var hidden = 0;
        foreach (var question in rows.GroupBy(r => r["question"]))
        {
            var atoms = data.Where(r => r[question.Key].Length > 0 && Weighted(r)).Select(r => r[by]).Distinct()
                .Select(g => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [by] = g }).ToList();
            var options = question.Select(r => r["option"].Length == 0 ? null : r["option"]).Distinct().ToList();
            var attacker = new DisclosureAttacker(atoms, options);
            attacker.PublicTotal(AttackDomain.All);
            foreach (var atom in atoms)
            {
                attacker.PublicTotal(AttackDomain.Of((by, atom[by])));
            }
            foreach (var r in question)
            {
                var domain = r["group"] == "all" ? AttackDomain.All : AttackDomain.Of((by, r["group"]));
                hidden += Record(attacker, domain, r["option"].Length == 0 ? null : r["option"], r["base"], r["count"], r["weighted_count"], r["estimate"]);
                // Primary rule: no count or base below the minimum is shown at all.
                Assert.False(r["base"].Length > 0 && int.Parse(r["base"], CultureInfo.InvariantCulture) < minCell, $"{question.Key} {r["group"]}: base {r["base"]} shown");
                Assert.False(r["count"].Length > 0 && int.Parse(r["count"], CultureInfo.InvariantCulture) < minCell, $"{question.Key} {r["group"]}: count {r["count"]} shown");
            }
            var leaks = attacker.Determined();
            Assert.True(leaks.Count == 0, $"{question.Key}: " + string.Join("; ", leaks));
        }
        Assert.True(hidden > 0, "the case should hide something");
    }

    [Fact]
    public void SplitCrosstab_TwoSecondSplits_NoHiddenFigureCanBeSolvedFromAllTablesTogether()
    {
        var (design, data) = ReferenceData.Design("normal");
        var weighted = WeightingPipeline.CreateBuilder().Rake(ReferenceData.Margins("normal"), new RakingOptions()).Build().Run(design);
        SurveyVariable[] questions = [.. ReferenceData.Categorical.Select(q => ReferenceData.Question(data, q)), ReferenceData.NumericQuestion(data, "q_hours")];
        string[] splits = ["nationality_group", "district", "age_band"];
        var result = SplitCrosstab.Run(weighted, questions, [design.Variable("nationality_group")], [design.Variable("district"), design.Variable("age_band")]);

        var hidden = 0;
        foreach (var question in result.Cells.GroupBy(c => c.Estimate.Question))
        {
            var atoms = data.Where(r => r[question.Key].Length > 0 && Weighted(r))
                .Select(r => string.Join('|', splits.Select(s => r[s]))).Distinct()
                .Select(key => (IReadOnlyDictionary<string, string>)splits.Zip(key.Split('|')).ToDictionary(p => p.First, p => p.Second)).ToList();
            var attacker = new DisclosureAttacker(atoms, [.. question.Select(c => c.Estimate.Option).Distinct()]);
            attacker.PublicTotal(AttackDomain.All);
            foreach (var s in splits)
            {
                foreach (var g in atoms.Select(a => a[s]).Distinct())
                {
                    attacker.PublicTotal(AttackDomain.Of((s, g)));
                }
            }
            foreach (var cell in question)
            {
                var c = cell.Estimate;
                var domain = cell.By is null ? AttackDomain.All
                    : cell.ThenBy is null ? AttackDomain.Of((cell.By, c.Group))
                    : AttackDomain.Of((cell.By, c.Group), (cell.ThenBy, cell.Group2!));
                hidden += Record(attacker, domain, c.Option,
                    c.BaseSuppressed || c.Base < 10 ? "" : c.Base.ToString(CultureInfo.InvariantCulture),
                    c.Suppressed ? "" : c.Count!.Value.ToString(CultureInfo.InvariantCulture),
                    c.Suppressed ? "" : c.WeightedCount.ToString("R", CultureInfo.InvariantCulture),
                    c.Suppressed ? "" : c.Value.ToString("R", CultureInfo.InvariantCulture));
            }
            Assert.Empty(attacker.Determined().Select(d => $"{question.Key}: {d}"));
        }
        Assert.True(hidden > 50, $"only {hidden} hidden figures: the case should hide many");
    }

    /// <summary>Whether the respondent has every margin, so is weighted and counts in the estimates.</summary>
    private static bool Weighted(Dictionary<string, string> row) =>
        new[] { "age_band", "gender", "nationality_group", "district" }.All(m => row[m].Length > 0);

    /// <summary>Tells the attacker one output row (empty text = hidden); returns how many figures it hides.</summary>
    internal static int Record(DisclosureAttacker attacker, AttackDomain domain, string? option, string baseText, string count, string weighted, string estimate)
    {
        static double N(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var hidden = 0;
        if (baseText.Length > 0)
        {
            attacker.Shown(domain, null, AttackFigure.Base, N(baseText));
        }
        else
        {
            attacker.Hidden(domain, null, AttackFigure.Base);
            hidden++;
        }
        (AttackFigure Figure, string Text)[] figures =
            [(AttackFigure.Count, count), (AttackFigure.WeightedCount, weighted), (option is null ? AttackFigure.Mean : AttackFigure.Proportion, estimate)];
        foreach (var (figure, text) in figures)
        {
            if (text.Length > 0)
            {
                attacker.Shown(domain, option, figure, N(text));
            }
            else
            {
                attacker.Hidden(domain, option, figure);
                hidden++;
            }
        }
        return hidden;
    }
}
