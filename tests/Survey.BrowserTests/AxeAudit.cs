using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Survey.BrowserTests;

/// <summary>
/// Runs axe-core (WCAG 2.1 A and AA rules, and axe's best practices such as landmarks and heading order) on each page a
/// test visits and collects every violation, so one run reports all pages with problems instead of stopping at the first.
/// </summary>
internal sealed class AxeAudit
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    };

    private readonly StringBuilder _report = new();

    public int PagesChecked { get; private set; }

    /// <summary>One line per page: step, path, rules passed and failed (the test output shows the audit really ran).</summary>
    public IList<string> Log { get; } = [];

    public int ViolationCount { get; private set; }

    public async Task CheckAsync(IPage page, string step)
    {
        var result = await page.RunAxe(Wcag21AA);
        PagesChecked++;
        Log.Add($"{step}: {new Uri(page.Url).AbsolutePath} – {result.Passes.Length} rules passed, {result.Violations.Length} violated");
        foreach (var violation in result.Violations)
        {
            ViolationCount++;
            _report.AppendLine(CultureInfo.InvariantCulture, $"[{step}] {new Uri(page.Url).AbsolutePath}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                _report.AppendLine(CultureInfo.InvariantCulture, $"    at {node.Target}: {node.Html}");
                // The checks that failed: "any" lists alternatives of which none passed, "all"/"none" each one that failed.
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []))
                {
                    _report.AppendLine("       - " + check.Message);
                }
            }
        }
    }

    public void AssertNoViolations() =>
        Assert.True(ViolationCount == 0,
            $"axe-core found {ViolationCount} WCAG 2.1 A/AA or best-practice violation(s) on {PagesChecked} page(s):{Environment.NewLine}{_report}");
}
