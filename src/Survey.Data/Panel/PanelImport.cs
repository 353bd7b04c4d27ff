using System.Text;
using Microsoft.EntityFrameworkCore;
using Survey.Definitions.Panel;

namespace Survey.Data;

/// <summary>Why a row of a member import was refused.</summary>
public enum ImportProblem
{
    WrongColumnCount,
    InvalidAddress,
    DuplicateInFile,
    AlreadyInPanel,
    UnknownLanguage,
    UnknownNationality,
    UnknownDistrict,
    UnknownAgeBand,
}

/// <summary>One data row of the file: its line number, the address as given, and the problems (none: accepted).</summary>
public sealed record ImportRow(int Line, string Email, IReadOnlyList<ImportProblem> Problems)
{
    public bool Accepted => Problems.Count == 0;
}

/// <summary>The outcome of an import: every row by line, whether anything was stored, or why the whole file was refused.</summary>
public sealed record ImportReport(IReadOnlyList<ImportRow> Rows, int Imported, string? FileError)
{
    public int Refused => Rows.Count(r => !r.Accepted);
}

/// <summary>
/// Members from a CSV file (<c>email,language,nationality,district,age_band</c>; UTF-8 with or without BOM; <c>,</c> or
/// <c>;</c>), for <c>survey panel import</c> and the researcher page. Imported members are active at once (the city
/// collected their consent: <see cref="ConsentVersion"/>) and get no mail. All or nothing: one bad row imports nothing,
/// unless invalid rows are to be skipped.
/// </summary>
public static class PanelImport
{
    public const string ConsentVersion = "import";

    public static readonly IReadOnlyList<string> Columns = ["email", "language", PanelProfile.Nationality, PanelProfile.District, PanelProfile.AgeBand];

    /// <summary>Checks every row against the profile and the panel, and stores the accepted ones in one transaction when
    /// every row is accepted or <paramref name="skipInvalid"/> is set.</summary>
    public static async Task<ImportReport> ImportAsync(
        SurveyDbContext db, PersonalTokens tokens, PanelProfile profile, string text, bool skipInvalid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitLines(text.TrimStart('\uFEFF'));
        var headerIndex = lines.FindIndex(l => l.Text.Trim().Length > 0);
        if (headerIndex < 0)
        {
            return new ImportReport([], 0, "the file is empty; the first line must be: " + string.Join(",", Columns));
        }
        var header = lines[headerIndex].Text;
        var separator = header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
        var columns = SplitFields(header, separator).Select(c => c.Trim().ToLowerInvariant()).ToList();
        if (!columns.SequenceEqual(Columns))
        {
            return new ImportReport([], 0, $"line {lines[headerIndex].Number}: the header must be '{string.Join(",", Columns)}', not '{header.Trim()}'");
        }

        var known = (await db.PanelMembers.Select(m => m.Email).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<ImportRow>();
        var members = new List<PanelMember>();
        foreach (var (number, line) in lines.Skip(headerIndex + 1))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var fields = SplitFields(line, separator).Select(f => f.Trim()).ToList();
            var given = fields.Count > 0 ? fields[0] : string.Empty;
            if (fields.Count != Columns.Count)
            {
                rows.Add(new ImportRow(number, given, [ImportProblem.WrongColumnCount]));
                continue;
            }
            var problems = new List<ImportProblem>();
            var email = PanelMembers.NormalizeEmail(given);
            if (email is null)
            {
                problems.Add(ImportProblem.InvalidAddress);
            }
            else if (!seen.Add(email))
            {
                problems.Add(ImportProblem.DuplicateInFile);
            }
            else if (known.Contains(email))
            {
                problems.Add(ImportProblem.AlreadyInPanel);
            }
            var language = fields[1].ToLowerInvariant();
            if (!profile.IsLanguage(language))
            {
                problems.Add(ImportProblem.UnknownLanguage);
            }
            var nationality = Code(profile, PanelProfile.Nationality, fields[2], ImportProblem.UnknownNationality, problems);
            var district = Code(profile, PanelProfile.District, fields[3], ImportProblem.UnknownDistrict, problems);
            var ageBand = Code(profile, PanelProfile.AgeBand, fields[4], ImportProblem.UnknownAgeBand, problems);
            rows.Add(new ImportRow(number, given, problems));
            if (problems.Count == 0)
            {
                var member = PanelMembers.Create(tokens, email!, language, PanelMembers.SourceImport, ConsentVersion, now);
                member.Nationality = nationality;
                member.District = district;
                member.AgeBand = ageBand;
                member.Status = PanelMemberStatus.Active;
                member.ConfirmedAt = now;
                members.Add(member);
            }
        }
        if (rows.Count == 0)
        {
            return new ImportReport(rows, 0, "the file has a header but no members");
        }
        if (members.Count == 0 || (members.Count < rows.Count && !skipInvalid))
        {
            return new ImportReport(rows, 0, null);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PanelMembers.AddRange(members);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportReport(rows, members.Count, null);
    }

    /// <summary>English text of a problem (the CLI; the web page uses the locale key <c>panel.import.problem.*</c>).</summary>
    public static string Describe(ImportProblem problem) => problem switch
    {
        ImportProblem.WrongColumnCount => $"wrong number of columns (expected {Columns.Count})",
        ImportProblem.InvalidAddress => "invalid e-mail address",
        ImportProblem.DuplicateInFile => "duplicate address in this file",
        ImportProblem.AlreadyInPanel => "address already in the panel",
        ImportProblem.UnknownLanguage => "unknown language",
        ImportProblem.UnknownNationality => "unknown nationality code",
        ImportProblem.UnknownDistrict => "unknown district code",
        ImportProblem.UnknownAgeBand => "unknown age band code",
        _ => problem.ToString(),
    };

    /// <summary>The code of a profile field, or null for an empty cell (not given); an unknown code is a problem.</summary>
    private static string? Code(PanelProfile profile, string field, string value, ImportProblem unknown, List<ImportProblem> problems)
    {
        if (value.Length == 0)
        {
            return null;
        }
        var profileField = profile.Field(field);
        var code = profileField.Options.FirstOrDefault(o => string.Equals(o.Code, value, StringComparison.OrdinalIgnoreCase))?.Code;
        if (code is null)
        {
            problems.Add(unknown);
        }
        return code;
    }

    private static List<(int Number, string Text)> SplitLines(string text)
    {
        var result = new List<(int, string)>();
        var number = 0;
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            result.Add((++number, line));
        }
        return result;
    }

    /// <summary>One CSV line into fields; a field may be quoted ("a,b", with "" for a quote). Quoted line breaks are not supported.</summary>
    private static List<string> SplitFields(string line, char separator)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return fields;
    }
}
