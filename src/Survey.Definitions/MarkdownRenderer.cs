using System.Collections.Concurrent;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Survey.Definitions;

/// <summary>
/// Renders survey texts (introduction, closing, help, option texts) from Markdown to HTML. Raw HTML is never passed
/// through: it is shown as text (and rejected when a survey is loaded). Links get no target attribute.
/// </summary>
public static class MarkdownRenderer
{
    // Built once and shared: a MarkdownPipeline is immutable and thread-safe.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    private static readonly MarkdownPipeline Detection = new MarkdownPipelineBuilder().Build();

    // Survey texts are few and never change while the platform runs; the cap only guards against a caller passing other text.
    private const int MaxShared = 4096;
    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="ToHtml"/> for a text of a loaded survey (introduction, help, closing): rendered once and kept, so a page
    /// view does not parse Markdown again (the pages show the same texts to every respondent).
    /// </summary>
    public static string ToHtmlShared(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (Shared.TryGetValue(markdown, out var html))
        {
            return html;
        }
        html = ToHtml(markdown);
        if (Shared.Count < MaxShared)
        {
            Shared.TryAdd(markdown, html);
        }
        return html;
    }

    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                // javascript: and data: addresses would run or embed content; keep the text, drop the address.
                link.Url = "#";
            }
        }
        return document.ToHtml(Pipeline);
    }

    /// <summary>The first raw HTML in <paramref name="markdown"/> (as a parser with HTML enabled sees it), or null.</summary>
    public static string? FindRawHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (!markdown.Contains('<', StringComparison.Ordinal))
        {
            return null; // No HTML without '<'; skipping the parse keeps large surveys fast.
        }
        var document = Markdown.Parse(markdown, Detection);
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HtmlBlock block:
                    return block.Lines.ToString().Split('\n')[0].Trim();
                case HtmlInline inline:
                    return inline.Tag;
            }
        }
        return null;
    }

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var slash = url.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true; // relative address
        }
        var scheme = url[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("tel", StringComparison.OrdinalIgnoreCase);
    }
}
