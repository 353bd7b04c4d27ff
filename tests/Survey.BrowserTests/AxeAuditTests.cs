namespace Survey.BrowserTests;

/// <summary>The audit itself: a page with known WCAG failures must make it fail, or a green suite proves nothing.</summary>
[Collection(SharedBrowser.Name)]
public sealed class AxeAuditTests(BrowserFixture browser)
{
    [Fact]
    public async Task AssertNoViolations_UnlabelledFieldAndImage_FailsNamingRuleAndElement()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Broken</title></head>
            <body><main><h1>Broken</h1><img src="data:," id="no-alt"><input type="text" id="no-label"></main></body></html>
            """);
        var axe = new AxeAudit();

        await axe.CheckAsync(page, "fixture page");

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(axe.AssertNoViolations);
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#no-label", failure.Message, StringComparison.Ordinal);
    }
}
