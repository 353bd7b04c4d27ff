using System.Globalization;
using System.Text;
using QRCoder;

namespace Survey.Cli.Commands.Paper;

/// <summary>
/// Print-ready HTML for paper invitations: one A4 page per letter (<c>@page</c>, a page break after each), the address
/// where a window envelope shows it, the letter in its first language with a paragraph in each further language, the
/// short survey address, the access code in groups and a QR code (inline SVG, one square per dark module) that opens
/// the code page with the code. Every text comes from the locale files (<c>letters.*</c>).
/// </summary>
internal sealed class LetterPage(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> texts, IReadOnlyList<string> languages, string publicUrl)
{
    /// <summary>One letter: the address lines, the code (unformatted), the survey's title per language and the last day.</summary>
    public sealed record Letter(IReadOnlyList<string> AddressLines, string Code, IReadOnlyDictionary<string, string> Titles, DateOnly ClosesOn);

    private string Main => languages[0];

    /// <summary>The address the QR code opens: the code page in the letter's language, with the code.</summary>
    public string QrUrl(string code) => $"{publicUrl}/{Main}/code/{code}";

    /// <summary>The address to type: the code page, without the scheme.</summary>
    public string ShortUrl(string language)
    {
        var url = publicUrl;
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                url = url[scheme.Length..];
            }
        }
        return $"{url}/{language}/code";
    }

    public void Write(TextWriter output, IEnumerable<Letter> letters, DateOnly today, bool reminder)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(letters);
        output.Write($"""
            <!DOCTYPE html>
            <html lang="{Main}">
            <head>
            <meta charset="utf-8">
            <title>{T(Main, "letters.document_title")}</title>
            <style>
            @page {"{"} size: A4; margin: 0; {"}"}
            * {"{"} box-sizing: border-box; {"}"}
            body {"{"} margin: 0; font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #000; {"}"}
            .letter {"{"} width: 210mm; height: 297mm; padding: 20mm 20mm 15mm 25mm; position: relative; overflow: hidden; page-break-after: always; break-after: page; {"}"}
            .letter:last-child {"{"} page-break-after: auto; break-after: auto; {"}"}
            .sender {"{"} font-weight: bold; font-size: 14pt; {"}"}
            .recipient {"{"} position: absolute; top: 50mm; left: 25mm; width: 85mm; font-style: normal; {"}"}
            .date {"{"} margin-top: 62mm; {"}"}
            h1 {"{"} font-size: 15pt; margin: 6mm 0 3mm; {"}"}
            h2 {"{"} font-size: 12pt; margin: 0 0 1mm; {"}"}
            p {"{"} margin: 0 0 3mm; {"}"}
            .access {"{"} display: flex; gap: 8mm; align-items: center; border: 0.4mm solid #000; padding: 4mm 5mm; margin: 4mm 0; {"}"}
            .access .url, .access .code {"{"} font-family: "Liberation Mono", "Courier New", monospace; font-size: 15pt; font-weight: bold; letter-spacing: 0.05em; {"}"}
            .access svg {"{"} width: 32mm; height: 32mm; flex: none; {"}"}
            .other {"{"} border-top: 0.3mm solid #000; margin-top: 5mm; padding-top: 3mm; font-size: 10pt; {"}"}
            @media screen {"{"} body {"{"} background: #ccc; {"}"} .letter {"{"} background: #fff; margin: 5mm auto; {"}"} {"}"}
            </style>
            </head>
            <body>

            """);
        foreach (var letter in letters)
        {
            WriteLetter(output, letter, today, reminder);
        }
        output.Write("</body>\n</html>\n");
    }

    private void WriteLetter(TextWriter output, Letter letter, DateOnly today, bool reminder)
    {
        var culture = CultureInfo.GetCultureInfo(Main);
        var title = letter.Titles.GetValueOrDefault(Main) ?? letter.Titles.Values.FirstOrDefault() ?? string.Empty;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"letter\" lang=\"{Main}\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"sender\">{T(Main, "letters.sender")}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<address class=\"recipient\">{T(Main, "letters.recipient")}<br>{string.Join("<br>", letter.AddressLines.Select(Encode))}</address>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"date\">{T(Main, "letters.date", today.ToString("d MMMM yyyy", culture))}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Encode(title)}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{T(Main, "letters.salutation")}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{T(Main, reminder ? "letters.reminder" : "letters.intro", title)}</p>\n");
        html.Append("<div class=\"access\"><div>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{T(Main, "letters.go_to")}</p>\n<p class=\"url\">{Encode(ShortUrl(Main))}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{T(Main, "letters.type_code")}</p>\n<p class=\"code\">{Encode(Survey.Data.PersonalTokens.FormatCode(letter.Code))}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{T(Main, "letters.scan")}</p>\n");
        html.Append("</div>\n");
        html.Append(QrSvg(QrUrl(letter.Code), T(Main, "letters.qr_label")));
        html.Append("</div>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{T(Main, "letters.anonymous")}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{T(Main, "letters.closes", letter.ClosesOn.ToString("d MMMM yyyy", culture))}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{T(Main, "letters.closing")}<br>{T(Main, "letters.sender")}</p>\n");
        foreach (var other in languages.Skip(1))
        {
            var otherTitle = letter.Titles.GetValueOrDefault(other) ?? title;
            var closes = letter.ClosesOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(other));
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"other\" lang=\"{other}\">\n<h2>{T(other, "letters.other_heading")}</h2>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>{T(other, reminder ? "letters.other_reminder" : "letters.other_text", otherTitle, ShortUrl(other), closes)}</p>\n</div>\n");
        }
        html.Append("</section>\n");
        output.Write(html.ToString());
    }

    /// <summary>The QR code as inline SVG: the module matrix (with its quiet zone) as one path of unit squares.</summary>
    public static string QrSvg(string url, string label)
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (data.ModuleMatrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x},{y}h1v1h-1z");
                }
            }
        }
        return $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>\n";
    }

    /// <summary>A locale text, HTML-encoded, with its placeholders filled (also encoded).</summary>
    private string T(string language, string key, params string[] args)
    {
        var text = texts.TryGetValue(language, out var byKey) && byKey.TryGetValue(key, out var t)
            ? t
            : throw new KeyNotFoundException($"locale text '{key}' is missing for language '{language}'");
        return Encode(string.Format(CultureInfo.InvariantCulture, text, args));
    }

    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Encode(string text) => Encoder.Encode(text);
}
