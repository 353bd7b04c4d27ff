namespace Survey.Definitions.Tests;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void ToHtml_Emphasis_RendersStrong()
    {
        Assert.Equal("<p>It takes <strong>5 minutes</strong>.</p>\n", MarkdownRenderer.ToHtml("It takes **5 minutes**."));
    }

    [Fact]
    public void ToHtml_RawHtml_IsEscapedNotRendered()
    {
        var html = MarkdownRenderer.ToHtml("Hi <script>alert(1)</script> <b>x</b>");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_HtmlBlock_IsEscaped()
    {
        Assert.DoesNotContain("<div", MarkdownRenderer.ToHtml("<div onclick=\"x()\">\nhi\n</div>"), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Link_HasNoTarget()
    {
        var html = MarkdownRenderer.ToHtml("See the [map](https://example.org/map).");

        Assert.Contains("<a href=\"https://example.org/map\">map</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("target", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_JavascriptLink_LosesItsAddress()
    {
        Assert.DoesNotContain("javascript", MarkdownRenderer.ToHtml("[x](javascript:alert(1))"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToHtml_BareUrl_BecomesLink()
    {
        Assert.Contains("<a href=\"https://example.org\">", MarkdownRenderer.ToHtml("Go to https://example.org now"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain **bold**", null)]
    [InlineData("an autolink <https://example.org>", null)]
    [InlineData("a <b>tag</b>", "<b>")]
    [InlineData("`<b>` in code", null)]
    public void FindRawHtml_Text_FindsOnlyRealHtml(string markdown, string? expected)
    {
        Assert.Equal(expected, MarkdownRenderer.FindRawHtml(markdown));
    }

    [Fact]
    public void ToHtmlShared_SameText_RendersLikeToHtmlOnceAndKeepsIt()
    {
        var markdown = "Zie **[de uitleg](javascript:alert(1))** " + Guid.NewGuid().ToString("N");

        var first = MarkdownRenderer.ToHtmlShared(markdown);
        var second = MarkdownRenderer.ToHtmlShared(markdown);

        Assert.Equal(MarkdownRenderer.ToHtml(markdown), first);
        Assert.Contains("href=\"#\"", first, StringComparison.Ordinal);
        Assert.Same(first, second);
    }
}
