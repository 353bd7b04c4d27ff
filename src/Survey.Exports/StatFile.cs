using System.Text;
using Survey.Definitions.Model;

namespace Survey.Exports;

/// <summary>
/// What an SPSS or Stata file says about itself besides the variables: a title, the notes on method and suppression
/// (as the XLSX has them), and when it was made.
/// </summary>
/// <param name="Title">The survey's title.</param>
/// <param name="Notes">Notes in both languages, one paragraph each.</param>
/// <param name="Created">The time written into the file's header (the snapshot's computation time, not the download's).</param>
public sealed record StatFileInfo(Label Title, IReadOnlyList<Label> Notes, DateTimeOffset Created)
{
    /// <summary>The notes for a download of <paramref name="results"/>: the XLSX method notes in both languages.</summary>
    public static StatFileInfo For(ResultsExport results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var nl = CrosstabXlsx.MethodNotes(results, LanguageTag.Dutch).ToList();
        var en = CrosstabXlsx.MethodNotes(results, LanguageTag.English).ToList();
        return new StatFileInfo(
            Label.Of(results.Survey.Title), [.. nl.Zip(en, (n, e) => new Label(n, e))], results.ComputedAt);
    }

    /// <summary>
    /// The file's documents: the title, which language the labels are in and where the other language is, then the notes
    /// in the file's language and in the other, in lines of at most <paramref name="lineBytes"/> UTF-8 bytes.
    /// </summary>
    internal IEnumerable<string> Lines(LanguageTag language, string whereOtherLanguage, int lineBytes)
    {
        var other = StatVariables.OtherLanguage(language);
        var paragraphs = new List<string>
        {
            $"{Title[language]} / {Title[other]}",
            ExportText.Pick(language,
                $"Labels in het Nederlands; de Engelse labels staan in {whereOtherLanguage}.",
                $"Labels in English; the Dutch labels are in {whereOtherLanguage}."),
        };
        paragraphs.AddRange(Notes.Select(n => n[language]));
        paragraphs.AddRange(Notes.Select(n => n[other]));
        return paragraphs.SelectMany(p => Wrap(StatVariables.OneLine(p), lineBytes));
    }

    /// <summary>Word-wraps <paramref name="text"/> into lines of at most <paramref name="lineBytes"/> UTF-8 bytes.</summary>
    internal static IEnumerable<string> Wrap(string text, int lineBytes)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (Encoding.UTF8.GetByteCount(candidate) <= lineBytes)
            {
                line.Clear().Append(candidate);
                continue;
            }
            if (line.Length > 0)
            {
                yield return line.ToString();
            }
            var rest = word;
            while (Encoding.UTF8.GetByteCount(rest) > lineBytes)
            {
                var head = Encoding.UTF8.GetString(StatVariables.Utf8(rest, lineBytes));
                yield return head;
                rest = rest[head.Length..];
            }
            line.Clear().Append(rest);
        }
        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
