using Survey.Definitions.Answers;
using static Survey.Definitions.Tests.TestSurveys;

namespace Survey.Definitions.Tests.QuestionTypes;

/// <summary>Limits an attacker probes: text length in stored code units as well as characters, exclusive options.</summary>
public sealed class AnswerLimitsTests
{
    private static readonly string Combining = "a" + new string('\u0301', 4500);

    private static Model.QuestionDefinition Text(int maxLength) =>
        Question($"id: q\ntype: text\nmax_length: {maxLength}\ntext: {{ nl: V, en: Q }}");

    private static Model.QuestionDefinition Multiple() =>
        Question("""
            id: q
            type: multiple
            text: { nl: V, en: Q }
            options:
              - { code: a, text: { nl: A, en: A } }
              - { code: b, text: { nl: B, en: B } }
              - { code: other, other: true, text: { nl: Anders, en: Other } }
              - { code: dk, dont_know: true, text: { nl: Weet ik niet, en: "Don't know" } }
            """);

    [Fact]
    public void ParseAnswer_OneLetterWithThousandsOfCombiningMarks_IsMaxLength()
    {
        var error = SingleError(Parse(Text(200), ("q", [Combining])));

        Assert.Equal((MessageKeys.MaxLength, 200), (error.MessageKey, (int)error.Arguments[0]));
    }

    [Fact]
    public void ParseAnswer_TwoHundredFlagsInTwoHundredCharacterField_IsValid()
    {
        // A flag is one character to a reader and four UTF-16 code units: the bound must not refuse honest text.
        var flags = string.Concat(Enumerable.Repeat("\U0001F1F3\U0001F1F1", 200));

        Assert.True(Parse(Text(200), ("q", [flags])).IsValid);
    }

    [Fact]
    public void ParseAnswer_OtherTextWithThousandsOfCombiningMarks_IsMaxLengthOnOtherField()
    {
        var error = SingleError(Parse(Multiple(), ("q", ["other"]), ("q:other", [Combining])));

        Assert.Equal(("q:other", MessageKeys.MaxLength), (error.Field, error.MessageKey));
    }

    [Theory]
    [InlineData("nul\0")]
    [InlineData("bell\u0007")]
    [InlineData("escape\u001b[31m")]
    public void ParseAnswer_ControlCharacter_IsInvalid(string text)
    {
        Assert.Equal(MessageKeys.Invalid, SingleError(Parse(Text(200), ("q", [text]))).MessageKey);
    }

    [Fact]
    public void ParseAnswer_LineEndsAndTabsInTextarea_AreValid()
    {
        var area = Question("id: q\ntype: textarea\ntext: { nl: V, en: Q }");

        Assert.True(Parse(area, ("q", ["one\r\ntwo\tthree"])).IsValid);
    }

    [Fact]
    public void ParseAnswer_DontKnowWithRealOptions_IsExclusiveNamingTheOption()
    {
        var error = SingleError(Parse(Multiple(), ("q", ["a", "dk"])));

        Assert.Equal(("q", MessageKeys.Exclusive), (error.Field, error.MessageKey));
        Assert.Equal("Don't know", error.Arguments[0].ToString());
    }

    [Fact]
    public void ParseAnswer_DontKnowAlone_IsValid()
    {
        var result = Parse(Multiple(), ("q", ["dk"]));

        Assert.True(result.IsValid);
        Assert.Equal([new AnswerValue(null, "dk", null)], result.Values);
    }
}
