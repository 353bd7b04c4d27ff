using Survey.Definitions.Loading;
using Survey.Definitions.Model;

namespace Survey.Definitions;

/// <summary>Interface texts by culture (<c>nl</c>, <c>en</c>, …) and then by key, and every problem found in the files.</summary>
public sealed record LocaleCatalogResult(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Texts,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Diagnostics.Count == 0;
}

/// <summary>
/// Loads the web app's interface texts: one flat <c>&lt;culture&gt;.yaml</c> per language (<c>key: text</c>). Checks each
/// file and that all files have the same keys with the same <c>{n}</c> placeholders, so a new language is just a new file.
/// </summary>
public static class LocaleCatalog
{
    private static readonly string[] RequiredCultures = ["nl", "en"];

    public static LocaleCatalogResult LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return new LocaleCatalogResult(
                new Dictionary<string, IReadOnlyDictionary<string, string>>(),
                [new Diagnostic(new SourceLocation(directory, 1, 1), "the locale folder does not exist")]);
        }
        var files = Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        var result = LoadFiles(files);
        var missing = RequiredCultures
            .Where(c => !files.Any(f => Path.GetFileNameWithoutExtension(f) == c))
            .Select(c => new Diagnostic(new SourceLocation(Path.Combine(directory, c + ".yaml"), 1, 1), $"the locale file {c}.yaml is missing (nl and en are required)"));
        // The mail templates (locales/mail/<template>.<lang>.md) must exist in every language the interface has.
        var mail = Path.Combine(directory, "mail");
        var mailDiagnostics = Directory.Exists(mail) ? MailTemplateCatalog.LoadDirectory(mail, result.Texts.Keys).Diagnostics : [];
        return result with { Diagnostics = [.. missing, .. result.Diagnostics, .. mailDiagnostics] };
    }

    /// <summary>Checks the given files together (each other's keys and placeholders); does not demand nl and en.</summary>
    public static LocaleCatalogResult LoadFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<(string Path, string Culture, DiagnosticBag Diagnostics, List<LocaleEntry> Entries)>();
        foreach (var path in paths)
        {
            var diagnostics = new DiagnosticBag(path);
            var culture = Path.GetFileNameWithoutExtension(path);
            if (!LanguageTag.TryCreate(culture, out _))
            {
                diagnostics.AddAt(1, 1, $"a locale file must be named after its language, such as nl.yaml or pt-BR.yaml, not '{Path.GetFileName(path)}'");
            }
            var entries = new List<LocaleEntry>();
            try
            {
                entries = LocaleFileReader.Read(File.ReadAllText(path), diagnostics);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.AddAt(1, 1, $"cannot read the file: {ex.Message}");
            }
            files.Add((path, culture, diagnostics, entries));
        }
        // nl first, then en, then the rest: the reference language for placeholders is the first file with the key.
        files = [.. files.OrderBy(f => f.Culture == "nl" ? 0 : f.Culture == "en" ? 1 : 2).ThenBy(f => f.Culture, StringComparer.Ordinal)];

        var allKeys = files.SelectMany(f => f.Entries.Select(e => e.Key)).Distinct(StringComparer.Ordinal).ToList();
        var byFile = files.Select(f => f.Entries.ToDictionary(e => e.Key, StringComparer.Ordinal)).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            foreach (var key in allKeys.Where(k => !byFile[i].ContainsKey(k)))
            {
                var owner = files[byFile.FindIndex(d => d.ContainsKey(key))];
                files[i].Diagnostics.AddAt(1, 1, $"key '{key}' is missing (it is in {Path.GetFileName(owner.Path)})");
            }
        }
        foreach (var key in allKeys)
        {
            var reference = byFile.FindIndex(d => d.TryGetValue(key, out var e) && e.Text is not null);
            if (reference < 0)
            {
                continue;
            }
            var expected = LocaleFileReader.Placeholders(byFile[reference][key].Text!);
            for (var i = reference + 1; i < files.Count; i++)
            {
                if (byFile[i].TryGetValue(key, out var entry) && entry.Text is not null && LocaleFileReader.Placeholders(entry.Text) is var actual && !actual.SequenceEqual(expected))
                {
                    files[i].Diagnostics.Add(entry.ValueMark,
                        $"the text of '{key}' has placeholders {Show(actual)} but {Path.GetFileName(files[reference].Path)} has {Show(expected)}");
                }
            }
        }

        var texts = files
            .Where(f => LanguageTag.TryCreate(f.Culture, out _))
            .GroupBy(f => f.Culture, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, string>)g.First().Entries.Where(e => e.Text is not null).ToDictionary(e => e.Key, e => e.Text!, StringComparer.Ordinal),
                StringComparer.Ordinal);
        return new LocaleCatalogResult(texts, [.. files.SelectMany(f => f.Diagnostics.Sorted())]);
    }

    private static string Show(IReadOnlyList<string> placeholders) => placeholders.Count == 0 ? "none" : string.Join(", ", placeholders);
}
