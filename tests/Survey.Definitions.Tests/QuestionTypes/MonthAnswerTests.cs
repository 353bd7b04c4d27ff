using Survey.Definitions.Answers;
using Survey.Definitions.QuestionTypes;
using Survey.Definitions.QuestionTypes.Date;
using static Survey.Definitions.Tests.TestSurveys;

namespace Survey.Definitions.Tests.QuestionTypes;

/// <summary>A date question with <c>precision: month</c>: two fields, month and year, stored <c>yyyy-mm</c>.</summary>
public sealed class MonthAnswerTests
{
    private static Model.QuestionDefinition Month() =>
        Question("id: m\ntype: date\nprecision: month\nmin: 2000-02\nmax: 2030-11\ntext: { nl: Maand, en: Month }");

    private static AnswerParseResult ParseMonth(string month, string year) => Parse(Month(), ("m:month", [month]), ("m:year", [year]));

    [Fact]
    public void ReadSettings_PrecisionMonth_AsksMonthAndYearWithinWholeMonths()
    {
        var settings = (DateSettings)Month().Settings;

        Assert.True(settings.MonthOnly);
        Assert.Equal(["month", "year"], settings.Parts);
        Assert.Equal(new DateOnly(2000, 2, 1), settings.MinDate);
        Assert.Equal(new DateOnly(2030, 11, 30), settings.MaxDate);
    }

    [Fact]
    public void ReadSettings_NoPrecisionOrDay_AsksTheDayToo()
    {
        var plain = (DateSettings)Question("id: d\ntype: date\ntext: { nl: D, en: D }").Settings;
        var day = (DateSettings)Question("id: d\ntype: date\nprecision: day\ntext: { nl: D, en: D }").Settings;

        Assert.False(plain.MonthOnly);
        Assert.False(day.MonthOnly);
        Assert.Equal(["day", "month", "year"], day.Parts);
    }

    [Theory]
    [InlineData("3", "2024", "2024-03")]
    [InlineData("03", "2024", "2024-03")]
    [InlineData(" 11 ", "2030", "2030-11")]
    [InlineData("2", "2000", "2000-02")]
    public void ParseAnswer_MonthAndYear_StoresYearDashMonth(string month, string year, string stored)
    {
        Assert.Equal([new AnswerValue(null, null, stored)], ParseMonth(month, year).Values);
    }

    [Fact]
    public void ParseAnswer_DayPosted_IsIgnoredAndNeverStored()
    {
        var result = Parse(Month(), ("m:day", ["31"]), ("m:month", ["2"]), ("m:year", ["2024"]));

        Assert.Equal([new AnswerValue(null, null, "2024-02")], result.Values);
    }

    [Theory]
    [InlineData("13", "2024", "m:month", MessageKeys.DateMonth)]
    [InlineData("0", "2024", "m:month", MessageKeys.DateMonth)]
    [InlineData("maart", "2024", "m:month", MessageKeys.DateMonth)]
    [InlineData("3", "24", "m:year", MessageKeys.DateYear)]
    [InlineData("3", "twintig", "m:year", MessageKeys.DateYear)]
    [InlineData("", "2024", "m:month", MessageKeys.DateMissingMonth)]
    [InlineData("3", "", "m:year", MessageKeys.DateMissingYear)]
    public void ParseAnswer_MonthPartWrong_NamesThatPart(string month, string year, string field, string key)
    {
        var error = SingleError(ParseMonth(month, year));

        Assert.Equal(key, error.MessageKey);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ParseAnswer_NothingTyped_IsUnansweredNotAnError()
    {
        Assert.True(ParseMonth("", "").IsValid);
        Assert.Empty(ParseMonth("", "").Values);
    }

    [Fact]
    public void ParseAnswer_MonthAfterMax_IsRange()
    {
        Assert.Equal(MessageKeys.Range, SingleError(ParseMonth("12", "2030")).MessageKey);
    }

    [Fact]
    public void ParseAnswer_MonthBeforeMin_IsRangeWithMonthsAsBounds()
    {
        var error = SingleError(ParseMonth("1", "2000"));

        Assert.Equal(MessageKeys.Range, error.MessageKey);
        Assert.Equal([new YearMonth(2000, 2), new YearMonth(2030, 11)], error.Arguments);
        Assert.Equal("februari 2000", ((YearMonth)error.Arguments[0]).ToString(null, new System.Globalization.CultureInfo("nl-NL")));
    }

    [Fact]
    public void ToFormValues_Month_GivesMonthAndYearAsTyped()
    {
        var form = QuestionTypeRegistry.Default.Get("date").ToFormValues(Month(), [new AnswerValue(null, null, "2024-03")]);

        Assert.Equal(["3"], form["m:month"]);
        Assert.Equal(["2024"], form["m:year"]);
        Assert.False(form.ContainsKey("m:day"));
    }

    [Theory]
    [InlineData("2024-03", true)]
    [InlineData("2024-13", false)]
    [InlineData("2024-3", false)]
    [InlineData("2024-03-01", false)]
    [InlineData("0000-01", false)]
    public void YearMonthTryParse_OnlyYyyyDashMm(string text, bool valid)
    {
        Assert.Equal(valid, YearMonth.TryParse(text, out var month));
        if (valid)
        {
            Assert.Equal(text, month.ToString());
        }
    }
}
