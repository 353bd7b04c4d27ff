using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Survey.Definitions.Model;

namespace Survey.Definitions;

/// <summary>One mail template in one language: <c>locales/mail/&lt;name&gt;.&lt;lang&gt;.md</c>.</summary>
public sealed record MailTemplate(string Name, LanguageTag Language, string Subject, string Body);

/// <summary>A rendered mail: the subject, an HTML document (from the Markdown, raw HTML off) and the plain-text part.</summary>
public sealed record RenderedMail(string Subject, string HtmlFragment, string Html, string Text);

/// <summary>The templates by name and language, and every problem found in the files.</summary>
public sealed record MailTemplateCatalogResult(IReadOnlyDictionary<(string Name, string Language), MailTemplate> Templates, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The template, or null when there is none for this name and language.</summary>
    public MailTemplate? Find(string name, string language) => Templates.TryGetValue((name, language), out var t) ? t : null;
}

/// <summary>
/// The mails of the International Panel, one Markdown file per template and language. A file starts with front matter
/// holding the subject (<c>---</c>, <c>subject: …</c>, <c>---</c>), then the body; <c>{{name}}</c> placeholders are filled
/// in when a mail is sent. Every template must exist in every language, with only the placeholders its kind knows and the
/// links it must carry (<see cref="Placeholders"/>), so a new language is just new files.
/// </summary>
public static partial class MailTemplateCatalog
{
    /// <summary>The templates, the placeholders each may use, and those it must use.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] Allowed, string[] Required)> Placeholders =
        new Dictionary<string, (string[], string[])>(StringComparer.Ordinal)
        {
            ["confirm"] = (["link", "manage_link", "unsubscribe_link"], ["link", "unsubscribe_link"]),
            ["already-member"] = (["link", "manage_link", "unsubscribe_link"], ["link", "unsubscribe_link"]),
            ["welcome"] = (["manage_link", "unsubscribe_link"], ["manage_link", "unsubscribe_link"]),
            ["invitation"] = (["link", "survey", "closes", "manage_link", "unsubscribe_link"], ["link", "survey", "manage_link", "unsubscribe_link"]),
            ["reminder"] = (["link", "survey", "closes", "manage_link", "unsubscribe_link"], ["link", "survey", "manage_link", "unsubscribe_link"]),
            ["goodbye"] = (["signup_link"], []),
        };

    /// <summary>Loads <c>*.md</c> from <paramref name="directory"/>; every template must exist in each of <paramref name="languages"/> and in every language any file has.</summary>
    public static MailTemplateCatalogResult LoadDirectory(string directory, IEnumerable<string> languages)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(languages);
        var templates = new Dictionary<(string, string), MailTemplate>();
        var diagnostics = new List<Diagnostic>();
        var files = Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.md").Order(StringComparer.Ordinal).ToList() : [];
        var allLanguages = new SortedSet<string>(languages, StringComparer.Ordinal);
        foreach (var path in files)
        {
            var parts = Path.GetFileNameWithoutExtension(path).Split('.');
            if (parts.Length != 2 || !Placeholders.ContainsKey(parts[0]) || !LanguageTag.TryCreate(parts[1], out var language))
            {
                diagnostics.Add(At(path, 1, $"a mail template is named <template>.<language>.md, with template one of {string.Join(", ", Placeholders.Keys)}"));
                continue;
            }
            allLanguages.Add(language.Value);
            if (Parse(path, parts[0], language, File.ReadAllText(path), diagnostics) is { } template)
            {
                templates[(template.Name, language.Value)] = template;
            }
        }
        foreach (var language in allLanguages)
        {
            foreach (var name in Placeholders.Keys.Where(n => !templates.ContainsKey((n, language)) && !files.Any(f => Path.GetFileName(f) == $"{n}.{language}.md")))
            {
                diagnostics.Add(At(Path.Combine(directory, $"{name}.{language}.md"), 1, $"the mail template '{name}' is missing in '{language}'"));
            }
        }
        return new MailTemplateCatalogResult(templates, diagnostics);
    }

    /// <summary>
    /// Fills in the placeholders. Links (names ending in <c>link</c>) go in as they are, on their own so the Markdown makes
    /// them links; other values (a survey title) are escaped for the Markdown and HTML, and plain in the text part.
    /// </summary>
    public static RenderedMail Render(MailTemplate template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var subject = Fill(template.Subject, values, escape: false);
        var fragment = MarkdownRenderer.ToHtml(Fill(template.Body, values, escape: true));
        // The Markdown source reads as plain text; only the strong emphasis marks would look odd there.
        var text = Fill(template.Body.Replace("**", string.Empty, StringComparison.Ordinal), values, escape: false).Trim() + "\n";
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{template.Language.Value}\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{WebUtility.HtmlEncode(subject)}</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5\">\n")
            .Append("<main style=\"max-width:40em;margin:0 auto\">\n")
            .Append(fragment)
            .Append("</main>\n</body>\n</html>\n")
            .ToString();
        return new RenderedMail(subject, fragment, html, text);
    }

    /// <summary>The placeholder names in a text, in order of appearance, without repeats.</summary>
    public static IReadOnlyList<string> Used(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    private static MailTemplate? Parse(string path, string name, LanguageTag language, string content, List<Diagnostic> diagnostics)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length < 3 || lines[0].Trim() != "---")
        {
            diagnostics.Add(At(path, 1, "a mail template starts with front matter: a line '---', 'subject: …', and a line '---'"));
            return null;
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        string? subject = null;
        for (var i = 1; i < (end < 0 ? lines.Length : end); i++)
        {
            if (lines[i].StartsWith("subject:", StringComparison.Ordinal))
            {
                subject = lines[i]["subject:".Length..].Trim();
                if (subject.Length >= 2 && subject[0] == '"' && subject[^1] == '"')
                {
                    subject = subject[1..^1];
                }
            }
            else if (lines[i].Trim().Length > 0)
            {
                diagnostics.Add(At(path, i + 1, $"unknown front matter line '{lines[i].Trim()}' (only 'subject:' is known)"));
            }
        }
        if (end < 0 || string.IsNullOrWhiteSpace(subject))
        {
            diagnostics.Add(At(path, 1, end < 0 ? "the front matter has no closing '---'" : "the front matter has no 'subject:'"));
            return null;
        }
        var body = string.Join('\n', lines[(end + 1)..]).Trim();
        var (allowed, required) = Placeholders[name];
        var count = diagnostics.Count;
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var used in Used(lines[i]).Where(u => !allowed.Contains(u)))
            {
                diagnostics.Add(At(path, i + 1, $"unknown placeholder '{{{{{used}}}}}' in the '{name}' template (known: {string.Join(", ", allowed)})"));
            }
        }
        foreach (var missing in required.Where(r => !Used(content).Contains(r)))
        {
            diagnostics.Add(At(path, 1, $"the '{name}' template must contain '{{{{{missing}}}}}'"));
        }
        if (MarkdownRenderer.FindRawHtml(body) is { } html)
        {
            diagnostics.Add(At(path, 1, $"raw HTML is not allowed in a mail template: '{html}'"));
        }
        return diagnostics.Count == count ? new MailTemplate(name, language, subject!, body) : null;
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> values, bool escape) =>
        PlaceholderPattern().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            var value = values.TryGetValue(name, out var v) ? v : string.Empty;
            return escape && !name.EndsWith("link", StringComparison.Ordinal) ? EscapeMarkdown(value) : value;
        });

    private static string EscapeMarkdown(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is ' ' || c > 127 || !char.IsPunctuation(c) && !char.IsSymbol(c))
            {
                builder.Append(c is '\n' or '\r' ? ' ' : c);
            }
            else
            {
                builder.Append('\\').Append(c);
            }
        }
        return builder.ToString();
    }

    private static Diagnostic At(string path, int line, string message) => new(new SourceLocation(path, line, 1), message);

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
