using System.Globalization;
using System.Text;
using Survey.Data;

namespace Survey.Cli.Commands.Paper;

/// <summary>
/// <c>survey sample import FILE [--database PATH] [--surveys DIR] [--codes-from SURVEY] [--skip-invalid]</c>: reads a sample
/// frame (a register extract of addresses, no names) from CSV with a header row <c>address,postcode,town,district,age_band</c>
/// (any order; comma or semicolon) and stores it as one <see cref="SampleFrame"/> with its <see cref="FrameUnit"/>s in one
/// transaction. District and age band codes are those of the survey's background questions <c>district</c> and
/// <c>age_band</c> (default survey <c>stadsenquete</c>). Every bad row is reported by line; a file with a bad row imports
/// nothing unless <c>--skip-invalid</c> is given. The frame's id is the last line of the output. Exit: 0 imported,
/// 1 refused, 2 usage.
/// </summary>
internal static class SampleImportCommand
{
    public const string Usage = "usage: survey sample import FILE [--database PATH] [--surveys DIR] [--codes-from SURVEY] [--skip-invalid]";

    public static readonly string[] Columns = ["address", "postcode", "town", "district", "age_band"];

    public static async Task<int> RunAsync(string[] args, PaperContext context)
    {
        var positional = new List<string>();
        var options = context.Parse(args, Usage, new HashSet<string> { "--database", "--surveys", "--codes-from" }, new HashSet<string> { "--skip-invalid" }, positional);
        if (options is null)
        {
            return 2;
        }
        if (positional.Count != 1)
        {
            context.Error.WriteLine(Usage);
            return 2;
        }
        var file = Path.GetFullPath(positional[0]);
        if (!File.Exists(file))
        {
            return context.Fail($"no file '{file}'");
        }
        var codesFrom = options.GetValueOrDefault("--codes-from", "stadsenquete");
        var survey = context.Survey(options.GetValueOrDefault("--surveys"), codesFrom);
        if (survey is null)
        {
            return 1;
        }
        var codes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var field in new[] { "district", "age_band" })
        {
            if (!survey.Background.TryGetValue(field, out var question))
            {
                return context.Fail($"survey '{survey.Id}' has no background question '{field}' to take the codes from (choose another with --codes-from)");
            }
            codes[field] = [.. question.Settings.Options.Where(o => !o.DontKnow).Select(o => o.Code)];
        }
        var database = context.Database(options.GetValueOrDefault("--database"));
        if (database is null)
        {
            return 1;
        }

        var (units, problems) = Read(file, codes);
        foreach (var problem in problems)
        {
            context.Error.WriteLine($"{Path.GetFileName(file)}:{problem}");
        }
        var skip = options.ContainsKey("--skip-invalid");
        if (problems.Count > 0 && !skip)
        {
            return context.Fail($"{problems.Count} bad row(s): nothing imported (fix them, or add --skip-invalid to import the {units.Count} good row(s))");
        }
        if (units.Count == 0)
        {
            return context.Fail("no addresses to import: nothing imported");
        }

        var db = await PaperContext.OpenAsync(database).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            var frame = new SampleFrame { Source = Path.GetFileName(file), ImportedAt = context.Clock.GetUtcNow() };
            db.SampleFrames.Add(frame);
            await db.SaveChangesAsync().ConfigureAwait(false);
            foreach (var unit in units)
            {
                unit.FrameId = frame.Id;
            }
            db.FrameUnits.AddRange(units);
            await db.SaveChangesAsync().ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            context.Out.WriteLine($"survey sample import: {units.Count} address(es) imported from {frame.Source}{(problems.Count > 0 ? $", {problems.Count} bad row(s) skipped" : string.Empty)} into {database}");
            context.Out.WriteLine(frame.Id.ToString(CultureInfo.InvariantCulture));
            return 0;
        }
    }

    /// <summary>The good rows as units (no frame yet) and every problem as <c>line: message</c>.</summary>
    internal static (List<FrameUnit> Units, List<string> Problems) Read(string file, IReadOnlyDictionary<string, HashSet<string>> codes)
    {
        var units = new List<FrameUnit>();
        var problems = new List<string>();
        using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
        var firstLine = reader.ReadLine() ?? string.Empty;
        var delimiter = firstLine.Contains(';', StringComparison.Ordinal) && !firstLine.Contains(',', StringComparison.Ordinal) ? ";" : ",";
        var header = firstLine.Split(delimiter[0]).Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList();
        var unknown = header.Where(h => !Columns.Contains(h, StringComparer.Ordinal)).ToList();
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || header.Distinct(StringComparer.Ordinal).Count() != header.Count)
        {
            problems.Add($"1: the header row must name the columns {string.Join(",", Columns)} (any order), once each;"
                + (missing.Count > 0 ? $" missing: {string.Join(", ", missing)};" : string.Empty)
                + (unknown.Count > 0 ? $" unknown: {string.Join(", ", unknown)};" : string.Empty)
                + " nothing else (no names) is needed");
            return (units, problems);
        }
        var index = Columns.ToDictionary(c => c, c => header.IndexOf(c), StringComparer.Ordinal);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (line, record) in Records(reader, delimiter[0], firstLine: 2))
        {
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (record.Length != header.Count)
            {
                problems.Add($"{line}: {record.Length} column(s), the header has {header.Count}");
                continue;
            }
            string Field(string column) => string.Join(' ', record[index[column]].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var address = Field("address");
            var postcode = Field("postcode").ToUpperInvariant();
            var town = Field("town");
            var district = Field("district").ToLowerInvariant();
            var ageBand = Field("age_band").ToLowerInvariant();
            var errors = new List<string>();
            if (address.Length == 0)
            {
                errors.Add("the address is missing");
            }
            if (postcode.Length == 0 || town.Length == 0)
            {
                errors.Add("the postcode or town is missing");
            }
            if (!codes["district"].Contains(district))
            {
                errors.Add($"unknown district '{district}' (known: {string.Join(", ", codes["district"])})");
            }
            if (!codes["age_band"].Contains(ageBand))
            {
                errors.Add($"unknown age band '{ageBand}' (known: {string.Join(", ", codes["age_band"])})");
            }
            var key = $"{address}|{postcode.Replace(" ", string.Empty, StringComparison.Ordinal)}".ToLowerInvariant();
            if (address.Length > 0 && seen.TryGetValue(key, out var first))
            {
                errors.Add($"duplicate address (also on line {first})");
            }
            if (errors.Count > 0)
            {
                problems.Add($"{line}: {string.Join("; ", errors)}");
                continue;
            }
            seen[key] = line;
            units.Add(new FrameUnit { AddressLine = $"{address} | {postcode} {town}", District = district, AgeBand = ageBand });
        }
        return (units, problems);
    }

    /// <summary>
    /// CSV records (RFC 4180: quoted fields may hold the delimiter, doubled quotes and line breaks) with the line each
    /// starts on, so that problems are reported where an editor shows them.
    /// </summary>
    internal static IEnumerable<(long Line, string[] Fields)> Records(TextReader reader, char delimiter, long firstLine)
    {
        var line = firstLine;
        var fields = new List<string>();
        var field = new StringBuilder();
        var start = line;
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            any = true;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }
                fields.Add(field.ToString());
                field.Clear();
                yield return (start, [.. fields]);
                fields.Clear();
                any = false;
                start = ++line;
            }
            else
            {
                field.Append(ch);
            }
        }
        if (any)
        {
            fields.Add(field.ToString());
            yield return (start, [.. fields]);
        }
    }
}
