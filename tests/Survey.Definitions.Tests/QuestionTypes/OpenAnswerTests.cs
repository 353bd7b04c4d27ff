using Survey.Definitions.Answers;
using Survey.Definitions.QuestionTypes;
using static Survey.Definitions.Tests.TestSurveys;

namespace Survey.Definitions.Tests.QuestionTypes;

/// <summary>Number, text, date and year: typed answers.</summary>
public sealed class OpenAnswerTests
{
    private static Model.QuestionDefinition Number(string kind = "decimal", bool required = false) => Question($$"""
        id: n
        type: number
        number: {{kind}}
        required: {{(required ? "true" : "false")}}
        min: 0
        max: 100
        text: { nl: Getal, en: Number }
        options:
          - { code: dk, dont_know: true, text: { nl: Weet niet, en: Don't know } }
        """);

    [Theory]
    [InlineData("3,5", "3.5")]
    [InlineData("3.5", "3.5")]
    [InlineData(" 42 ", "42")]
    [InlineData("7,50", "7.5")]
    [InlineData("0", "0")]
    public void ParseAnswer_NumberDutchOrInvariant_StoresInvariant(string typed, string stored)
    {
        Assert.Equal([new AnswerValue(null, null, stored)], Parse(Number(), ("n", [typed])).Values);
    }

    [Theory]
    [InlineData("1.000,5")]
    [InlineData("1,000.5")]
    [InlineData("1 000")]
    [InlineData("vijf")]
    [InlineData("1e3")]
    [InlineData(".5")]
    public void ParseAnswer_NumberWithThousandsSeparatorOrText_IsInvalid(string typed)
    {
        Assert.Equal(MessageKeys.Invalid, SingleError(Parse(Number(), ("n", [typed]))).MessageKey);
    }

    [Fact]
    public void ParseAnswer_IntegerWithDecimals_IsInvalid()
    {
        Assert.Equal(MessageKeys.Invalid, SingleError(Parse(Number("integer"), ("n", ["2,5"]))).MessageKey);
    }

    [Fact]
    public void ParseAnswer_NumberOutOfRange_IsRangeWithMinAndMax()
    {
        var error = SingleError(Parse(Number(), ("n", ["100,5"])));

        Assert.Equal(MessageKeys.Range, error.MessageKey);
        Assert.Equal([0m, 100m], error.Arguments);
    }

    [Fact]
    public void ParseAnswer_NumberDontKnowInSameField_StoresCode()
    {
        Assert.Equal([new AnswerValue(null, "dk", null)], Parse(Number(), ("n", ["", "dk"])).Values);
    }

    [Fact]
    public void ParseAnswer_NumberAndDontKnowTogether_IsInvalid()
    {
        Assert.Equal(MessageKeys.Invalid, SingleError(Parse(Number(), ("n", ["5", "dk"]))).MessageKey);
    }

    [Fact]
    public void ParseAnswer_NumberRequiredEmpty_IsRequired()
    {
        Assert.Equal(MessageKeys.Required, SingleError(Parse(Number(required: true), ("n", ["  "]))).MessageKey);
    }

    private static Model.QuestionDefinition Text(string type = "text", bool required = false) => Question($$"""
        id: t
        type: {{type}}
        max_length: 5
        required: {{(required ? "true" : "false")}}
        text: { nl: Tekst, en: Text }
        """);

    [Fact]
    public void ParseAnswer_TextTrimmed_StoresText()
    {
        Assert.Equal([new AnswerValue(null, null, "abc")], Parse(Text(), ("t", ["  abc  "])).Values);
    }

    [Fact]
    public void ParseAnswer_TextTooLong_IsMaxLengthWithMax()
    {
        var error = SingleError(Parse(Text(), ("t", ["abcdef"])));

        Assert.Equal((MessageKeys.MaxLength, 5), (error.MessageKey, (int)error.Arguments[0]));
    }

    [Fact]
    public void ParseAnswer_TextareaCrLf_CountsAsOneCharacter()
    {
        var result = Parse(Text("textarea"), ("t", ["ab\r\ncd"]));

        Assert.Equal([new AnswerValue(null, null, "ab\ncd")], result.Values);
    }

    [Fact]
    public void ParseAnswer_TextWithAccentsAndEmoji_CountsTextElements()
    {
        Assert.True(Parse(Text(), ("t", ["e\u0301te\u0301👍🏽"])).IsValid);
    }

    [Fact]
    public void ParseAnswer_TextRequiredOnlySpaces_IsRequired()
    {
        Assert.Equal(MessageKeys.Required, SingleError(Parse(Text(required: true), ("t", ["   "]))).MessageKey);
    }

    [Fact]
    public void ReadSettings_TextWithoutMaxLength_UsesDefaults()
    {
        var line = Question("id: t\ntype: text\ntext: { nl: T, en: T }");
        var area = Question("id: t\ntype: textarea\ntext: { nl: T, en: T }");

        Assert.Equal(500, ((Definitions.QuestionTypes.Text.TextSettings)line.Settings).MaxLength);
        Assert.Equal(4000, ((Definitions.QuestionTypes.Text.TextSettings)area.Settings).MaxLength);
    }

    private static Model.QuestionDefinition Date(string type = "date") => type == "date"
        ? Question("id: d\ntype: date\nmin: 2000-01-01\nmax: 2030-12-31\ntext: { nl: Datum, en: Date }")
        : Question("id: d\ntype: year\nmin: 1950\nmax: 2030\ntext: { nl: Jaar, en: Year }");

    private static AnswerParseResult ParseDate(string day, string month, string year) =>
        Parse(Date(), ("d:day", [day]), ("d:month", [month]), ("d:year", [year]));

    [Theory]
    [InlineData("1", "5", "2024")]
    [InlineData("01", "05", "2024")]
    [InlineData(" 1 ", "5", " 2024")]
    public void ParseAnswer_DayMonthYear_StoresThatDay(string day, string month, string year)
    {
        Assert.Equal([new AnswerValue(null, null, "2024-05-01")], ParseDate(day, month, year).Values);
    }

    [Fact]
    public void ParseAnswer_DutchOrderTyped_IsNotReadAsMonthFirst()
    {
        // 3 December, as typed in the fields labelled day, month, year: never 12 March.
        Assert.Equal([new AnswerValue(null, null, "2024-12-03")], ParseDate("3", "12", "2024").Values);
    }

    [Theory]
    [InlineData("32", "1", "2024", "d:day", MessageKeys.DateDay)]
    [InlineData("0", "1", "2024", "d:day", MessageKeys.DateDay)]
    [InlineData("een", "1", "2024", "d:day", MessageKeys.DateDay)]
    [InlineData("15", "13", "2024", "d:month", MessageKeys.DateMonth)]
    [InlineData("15", "maart", "2024", "d:month", MessageKeys.DateMonth)]
    [InlineData("15", "3", "24", "d:year", MessageKeys.DateYear)]
    [InlineData("30", "2", "2024", "d:day", MessageKeys.DateNotReal)]
    [InlineData("29", "2", "2023", "d:day", MessageKeys.DateNotReal)]
    [InlineData("", "3", "2024", "d:day", MessageKeys.DateMissingDay)]
    [InlineData("15", "", "2024", "d:month", MessageKeys.DateMissingMonth)]
    [InlineData("15", "3", "", "d:year", MessageKeys.DateMissingYear)]
    [InlineData("", "", "2024", "d", MessageKeys.DateIncomplete)]
    public void ParseAnswer_DatePartWrong_NamesThatPart(string day, string month, string year, string field, string key)
    {
        var error = SingleError(ParseDate(day, month, year));

        Assert.Equal(key, error.MessageKey);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ParseAnswer_DateOutOfRange_IsRangeWithBounds()
    {
        var error = SingleError(ParseDate("31", "12", "1999"));

        Assert.Equal(MessageKeys.Range, error.MessageKey);
        Assert.Equal([new DateOnly(2000, 1, 1), new DateOnly(2030, 12, 31)], error.Arguments);
    }

    [Fact]
    public void ToFormValues_Date_GivesDayMonthYearAsTyped()
    {
        var form = QuestionTypeRegistry.Default.Get("date").ToFormValues(Date(), [new AnswerValue(null, null, "2024-03-05")]);

        Assert.Equal(["5"], form["d:day"]);
        Assert.Equal(["3"], form["d:month"]);
        Assert.Equal(["2024"], form["d:year"]);
    }

    [Theory]
    [InlineData("1990", true)]
    [InlineData("2030", true)]
    [InlineData("90", false)]
    [InlineData("19900", false)]
    public void ParseAnswer_YearFourDigits_IsValidOnlyThen(string typed, bool valid)
    {
        var result = Parse(Date("year"), ("d", [typed]));

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? [new AnswerValue(null, null, typed)] : [], result.Values);
    }

    [Fact]
    public void ParseAnswer_YearOutOfRange_IsRangeWithYears()
    {
        var error = SingleError(Parse(Date("year"), ("d", ["1949"])));

        Assert.Equal([1950, 2030], error.Arguments);
    }

    [Fact]
    public void ToFormValues_Number_PutsStoredTextBack()
    {
        var question = Number();
        var form = QuestionTypeRegistry.Default.Get("number").ToFormValues(question, [new AnswerValue(null, null, "3.5")]);

        Assert.Equal(["3.5"], form["n"]);
    }
}
