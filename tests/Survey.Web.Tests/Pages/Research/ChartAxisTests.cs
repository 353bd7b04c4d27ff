using Survey.Web.Pages.Research;
using Survey.Web.Results;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>The ticks under the results page's interval charts: quarters for proportions, round steps for means.</summary>
public sealed class ChartAxisTests
{
    private static ResultsModel.Table Table(bool numeric, params double[] uppers)
    {
        var cells = uppers.Select((u, i) => new ResultCell("q", numeric ? null : "a", "g" + i, 50, 50, 50, u * 0.8, 0.1, u * 0.6, u, false, false))
            .ToDictionary(c => c.Group, StringComparer.Ordinal);
        var row = new ResultsModel.Row(numeric ? null : "a", "A", cells);
        return new ResultsModel.Table("q", "Q", [.. cells.Keys.Select(g => new ResultsModel.Column(g, g))], [new ResultsModel.Section(null, null, [row])], null, numeric);
    }

    [Fact]
    public void AxisTicks_Proportion_IsQuarters()
    {
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], ResultsModel.AxisTicks(Table(false, 0.3, 0.4)));
    }

    [Theory]
    [InlineData(7.4, new[] { 0.0, 2, 4, 6, 8 })]
    [InlineData(10, new[] { 0.0, 2.5, 5, 7.5, 10 })]
    [InlineData(23.2, new[] { 0.0, 10, 20, 30 })]
    [InlineData(0.9, new[] { 0.0, 0.25, 0.5, 0.75, 1 })]
    public void AxisTicks_Mean_RoundStepsUpToTheLargestIntervalEnd(double upper, double[] expected)
    {
        var ticks = ResultsModel.AxisTicks(Table(true, upper / 2, upper));

        Assert.Equal(expected, ticks);
        Assert.True(ticks[^1] >= upper);
    }
}
