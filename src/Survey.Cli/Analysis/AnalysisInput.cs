using System.Globalization;
using System.Text;
using CsvHelper;
using Survey.Definitions;
using Survey.Definitions.Nationality;
using Survey.Definitions.Targets;
using Survey.Statistics;

namespace Survey.Cli.Analysis;

/// <summary>A problem with an input file; the message names the file (and line:column for YAML).</summary>
internal sealed class InputException(string message) : Exception(message);

/// <summary>A problem with the command line (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Command-line options shared by <c>weight</c> and <c>crosstab</c>.</summary>
internal sealed class AnalysisArguments
{
    /// <summary>Accepted by every analysis command: <c>--groups path</c>, the nationality mapping for derived margins.</summary>
    public const string CommonOption = "groups";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static AnalysisArguments Parse(string[] args, IReadOnlySet<string> allowed, IReadOnlySet<string> required)
    {
        var result = new AnalysisArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !(allowed.Contains(name[2..]) || name[2..] == CommonOption))
            {
                throw new UsageException($"unknown option '{name}'");
            }
            if (i + 1 >= args.Length)
            {
                throw new UsageException($"option '{name}' needs a value");
            }
            result._values[name[2..]] = args[++i];
        }
        foreach (var r in required)
        {
            if (!result._values.ContainsKey(r))
            {
                throw new UsageException($"missing --{r}");
            }
        }
        return result;
    }

    public string this[string name] => _values[name];

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Integer(string name, int fallback) =>
        !_values.TryGetValue(name, out var text) ? fallback
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n
            : throw new UsageException($"--{name} must be a whole number >= 0, not '{text}'");
}

/// <summary>A CSV export: a header row and one column per variable (UTF-8, comma-separated).</summary>
internal sealed class DataTable
{
    private DataTable(string path, string[] header, List<string[]> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    public string Path { get; }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public static DataTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found");
        }
        using var text = new StreamReader(path, Encoding.UTF8);
        using var reader = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true });
        if (!reader.Read())
        {
            throw new InputException($"{path}: empty file, expected a header row");
        }
        var header = Fields(reader).Select(h => h.Trim()).ToArray();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var record = Fields(reader);
            if (record.Length != header.Length)
            {
                throw new InputException($"{path}: row {rows.Count + 2}: {record.Length} values, the header has {header.Length}");
            }
            rows.Add(record);
        }
        return new DataTable(path, header, rows);
    }

    private static string[] Fields(CsvReader reader)
    {
        var fields = new string[reader.FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = reader.GetString(i);
        }
        return fields;
    }

    public bool HasColumn(string name) => Array.IndexOf(Header, name) >= 0;

    public int Column(string name)
    {
        var index = Array.IndexOf(Header, name);
        return index >= 0 ? index : throw new InputException($"{Path}: no column '{name}'");
    }

    public string?[] Values(string name)
    {
        var c = Column(name);
        return [.. Rows.Select(r => r[c].Trim() is { Length: > 0 } v ? v : null)];
    }
}

/// <summary>
/// A targets file, read and checked by <see cref="TargetsLoader"/> (format: surveys/README.md, "Population targets").
/// No survey is given here, so only the rules that need none apply (YAML, keys, total, sums, negative values);
/// every problem is reported as <c>file:line:col: error: message</c>.
/// </summary>
internal static class TargetsFile
{
    public static PopulationTargets Load(string path, NationalityGroups? groups)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found");
        }
        var result = TargetsLoader.LoadFile(path, survey: null, groups);
        return result.Targets is { } targets && result.Diagnostics.Count == 0
            ? targets
            : throw new InputException(string.Join(Environment.NewLine, result.Diagnostics));
    }

    /// <summary>The nationality mapping for derived margins: <c>--groups</c>, else <c>shared/nationality-groups.yaml</c> next to
    /// the targets file when it exists; null when neither is there.</summary>
    public static NationalityGroups? LoadGroups(string targetsPath, string? groupsPath)
    {
        var path = groupsPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(targetsPath)) ?? ".", NationalityGroups.RelativePath);
        if (!File.Exists(path))
        {
            return groupsPath is null ? null : throw new InputException($"{groupsPath}: file not found");
        }
        var result = NationalityGroups.LoadFile(path);
        return result.Groups is { } groups && result.Diagnostics.Count == 0
            ? groups
            : throw new InputException(string.Join(Environment.NewLine, result.Diagnostics));
    }

    public static PopulationMargin ToMargin(TargetMargin margin) => new(margin.Variable, margin.Totals);
}

/// <summary>The data and targets turned into a weighted design plus questions.</summary>
internal sealed class AnalysisInput
{
    private const int NumericMinimumDistinct = 13;

    private AnalysisInput(DataTable data, SampleDesign design, WeightedDesign weighted)
    {
        Data = data;
        Design = design;
        Weighted = weighted;
    }

    public DataTable Data { get; }

    public SampleDesign Design { get; }

    public WeightedDesign Weighted { get; }

    public static AnalysisInput Load(AnalysisArguments args)
    {
        var targetsPath = args["targets"];
        var groups = TargetsFile.LoadGroups(targetsPath, args.Optional("groups"));
        var targets = TargetsFile.Load(targetsPath, groups);
        var margins = targets.Margins.Select(TargetsFile.ToMargin).ToList();
        var data = DataTable.Load(args["data"]);
        var variables = new List<CategoricalVariable>();
        foreach (var (m, target) in margins.Zip(targets.Margins))
        {
            var values = Values(data, target, groups, targetsPath);
            var unknown = values.Where(v => v is not null && !m.Totals.ContainsKey(v)).Distinct(StringComparer.Ordinal).ToArray();
            if (unknown.Length > 0)
            {
                throw new InputException($"{data.Path}: column '{m.Variable}' has value(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} that {targetsPath} does not list");
            }
            variables.Add(CategoricalVariable.FromValues(m.Variable, values, [.. m.Totals.Keys]));
        }
        double[]? baseWeights = null;
        if (args.Optional("base-weight") is { } baseColumn)
        {
            baseWeights = [.. data.Values(baseColumn).Select((v, i) =>
                double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w > 0 && double.IsFinite(w)
                    ? w : throw new InputException($"{data.Path}: row {i + 2}: base weight '{v}' is not a positive number"))];
        }
        var design = new SampleDesign(variables, baseWeights);
        try
        {
            var settings = targets.Weighting;
            var weighted = WeightingPipeline.FromSettings(margins, settings.Tolerance, settings.MaxIterations, settings.TrimLower, settings.TrimUpper).Run(design);
            return new AnalysisInput(data, design, weighted);
        }
        catch (EmptyMarginCategoryException ex)
        {
            throw new InputException($"{targetsPath}: {ex.Message}");
        }
        catch (RakingDidNotConvergeException ex)
        {
            throw new InputException($"{data.Path} with {targetsPath}: {ex.Message}");
        }
    }

    /// <summary>
    /// The column of a margin variable; for a derived margin (<c>derive: { from: nationality, grouping: coarse }</c>) whose
    /// column is not in the data, the group of each <c>from</c> value through the nationality mapping (no group: missing).
    /// </summary>
    private static string?[] Values(DataTable data, TargetMargin margin, NationalityGroups? groups, string targetsPath)
    {
        if (margin.DerivedFrom is not { } derive || data.HasColumn(margin.Variable) || !data.HasColumn(derive.From))
        {
            var dontKnowHere = DontKnowCodes(targetsPath, margin.Variable);
            return [.. data.Values(margin.Variable).Select(v => v is not null && dontKnowHere.Contains(v) ? null : v)];
        }
        if (groups is null)
        {
            throw new InputException($"{targetsPath}: margin '{margin.Variable}' is derived from '{derive.From}' with grouping '{derive.Grouping}', but there is no nationality mapping: give --groups or put {NationalityGroups.RelativePath.Replace('\\', '/')} next to the targets file");
        }
        // Don't-know codes are not nationalities, even when they look like one ('na' is also Namibia).
        var dontKnow = DontKnowCodes(targetsPath, derive.From);
        return [.. data.Values(derive.From).Select(v => v is null || dontKnow.Contains(v) ? null : groups.Map(derive.Grouping, v))];
    }

    /// <summary>
    /// The don't-know codes ("prefer not to say") of the background question <paramref name="variable"/> in the survey next
    /// to the targets file (<c>&lt;id&gt;.yaml</c>): such an answer is missing for weighting, so the respondent is left out.
    /// Without the survey file there is nothing to go by, and such a code is reported as not in the targets.
    /// </summary>
    private static HashSet<string> DontKnowCodes(string targetsPath, string variable)
    {
        var surveyFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(targetsPath)) ?? ".", TargetsLoader.SurveyIdOf(targetsPath) + ".yaml");
        return File.Exists(surveyFile) && SurveyLoader.LoadFile(surveyFile).Survey?.Background.GetValueOrDefault(variable) is { } question
            ? question.Settings.Options.Where(o => o.DontKnow).Select(o => o.Code).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    /// <summary>
    /// Question columns: every column that is not a margin variable, the base-weight column, id/response_id/weight or an
    /// open answer (see <see cref="QuestionColumns"/>), narrowed by --questions. Numeric when every non-empty value is a
    /// number and there are more than 12 distinct values; categorical otherwise, options in survey order.
    /// </summary>
    /// <exception cref="UsageException">--questions names an open answer or a column the data does not have.</exception>
    public List<SurveyVariable> Questions(string? only, string? baseWeightColumn, string targetsPath)
    {
        var columns = QuestionColumns.For(targetsPath);
        var skip = new HashSet<string>(Design.Variables.Keys, StringComparer.Ordinal) { "id", "response_id", "weight" };
        if (baseWeightColumn is not null)
        {
            skip.Add(baseWeightColumn);
        }
        var names = only is null
            ? Data.Header.Where(h => !skip.Contains(h) && !columns.IsOpen(h, Data.Header)).ToList()
            : [.. only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        if (only is not null && names.FirstOrDefault(n => columns.IsOpen(n, Data.Header)) is { } open)
        {
            throw new UsageException($"'{open}' holds open answers as typed, which can identify a person; they are not crosstabbed (recode them into a new column first)");
        }
        var result = new List<SurveyVariable>();
        foreach (var name in names)
        {
            var values = Data.Values(name);
            var present = values.Where(v => v is not null).ToArray();
            var numbers = present.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : double.NaN).ToArray();
            if (present.Length > 0 && !numbers.Any(double.IsNaN) && numbers.Distinct().Count() >= NumericMinimumDistinct)
            {
                result.Add(new NumericVariable(name, [.. values.Select(v => v is null ? double.NaN : double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))]));
            }
            else
            {
                result.Add(CategoricalVariable.FromValues(name, values, columns.Categories(name, values)));
            }
        }
        return result;
    }

    public static string Format(double x) => double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture);
}
