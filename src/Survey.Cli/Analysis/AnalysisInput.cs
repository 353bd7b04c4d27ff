using System.Globalization;
using System.Text;
using CsvHelper;
using Survey.Statistics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Survey.Cli.Analysis;

/// <summary>A problem with an input file; the message names the file (and line:column for YAML).</summary>
internal sealed class InputException(string message) : Exception(message);

/// <summary>A problem with the command line (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Command-line options shared by <c>weight</c> and <c>crosstab</c>.</summary>
internal sealed class AnalysisArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static AnalysisArguments Parse(string[] args, IReadOnlySet<string> allowed, IReadOnlySet<string> required)
    {
        var result = new AnalysisArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !allowed.Contains(name[2..]))
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

/// <summary>A targets file: <c>total:</c> and <c>margins:</c> (variable to category to share or count).</summary>
internal static class TargetsFile
{
    public static IReadOnlyList<PopulationMargin> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found");
        }
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new InputException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputException($"{path}: expected a mapping with 'total:' and 'margins:'");
        }
        var total = Number(path, Child(path, root, "total"));
        if (total <= 0)
        {
            throw Error(path, Child(path, root, "total"), "total must be positive");
        }
        if (Child(path, root, "margins") is not YamlMappingNode margins || margins.Children.Count == 0)
        {
            throw Error(path, Child(path, root, "margins"), "margins must map each variable to its categories");
        }
        var result = new List<PopulationMargin>();
        foreach (var (key, value) in margins.Children)
        {
            var variable = ((YamlScalarNode)key).Value ?? "";
            if (value is not YamlMappingNode categories || categories.Children.Count == 0)
            {
                throw Error(path, value, $"margin '{variable}' must map categories to shares or counts");
            }
            var numbers = categories.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => Number(path, p.Value), StringComparer.Ordinal);
            if (numbers.Values.Any(x => x < 0))
            {
                throw Error(path, value, $"margin '{variable}' has a negative value");
            }
            var sum = numbers.Values.Sum();
            if (Math.Abs(sum - 1) <= 1e-6)
            {
                result.Add(PopulationMargin.FromShares(variable, numbers, total));
            }
            else if (Math.Abs(sum - total) <= 1e-6 * total)
            {
                result.Add(new PopulationMargin(variable, numbers));
            }
            else
            {
                throw Error(path, value, $"margin '{variable}' sums to {sum.ToString(CultureInfo.InvariantCulture)}: shares must sum to 1, counts to total ({total.ToString(CultureInfo.InvariantCulture)})");
            }
        }
        return result;
    }

    private static YamlNode Child(string path, YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : throw Error(path, node, $"missing '{key}:'");

    private static double Number(string path, YamlNode node) =>
        node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
            ? x
            : throw Error(path, node, "expected a number");

    private static InputException Error(string path, YamlNode node, string message) =>
        new($"{path}:{node.Start.Line}:{node.Start.Column}: {message}");
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
        var margins = TargetsFile.Load(targetsPath);
        var data = DataTable.Load(args["data"]);
        var variables = new List<CategoricalVariable>();
        foreach (var m in margins)
        {
            var values = data.Values(m.Variable);
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
            var weighted = WeightingPipeline.CreateBuilder().Rake(margins).Build().Run(design);
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
    /// Question columns: every column that is not a margin variable, the base-weight column or id/response_id/weight,
    /// narrowed by --questions. Numeric when every non-empty value is a number and there are more than 12 distinct values.
    /// </summary>
    public List<SurveyVariable> Questions(string? only, string? baseWeightColumn)
    {
        var skip = new HashSet<string>(Design.Variables.Keys, StringComparer.Ordinal) { "id", "response_id", "weight" };
        if (baseWeightColumn is not null)
        {
            skip.Add(baseWeightColumn);
        }
        var names = only is null
            ? Data.Header.Where(h => !skip.Contains(h)).ToList()
            : [.. only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
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
                result.Add(CategoricalVariable.FromValues(name, values));
            }
        }
        return result;
    }

    public static string Format(double x) => double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture);
}
