using Survey.Definitions.Answers;
using static Survey.Definitions.Tests.TestSurveys;

namespace Survey.Definitions.Tests.QuestionTypes;

public sealed class ChoiceAnswerTests
{
    private static readonly string Options = """
        options:
          - { code: a, text: { nl: A, en: A } }
          - { code: b, text: { nl: B, en: B } }
          - { code: c, text: { nl: C, en: C } }
          - { code: other, other: true, text: { nl: Anders, en: Other } }
        """;

    private static Model.QuestionDefinition Single(bool required = false) =>
        Question($"id: q\ntype: single\nrequired: {(required ? "true" : "false")}\ntext: {{ nl: V, en: Q }}\n{Options}");

    private static Model.QuestionDefinition Multiple() =>
        Question($"id: q\ntype: multiple\nmax_choices: 2\ntext: {{ nl: V, en: Q }}\n{Options}");

    [Fact]
    public void ParseAnswer_SingleValidCode_StoresCode()
    {
        var result = Parse(Single(), ("q", ["b"]));

        Assert.True(result.IsValid);
        Assert.Equal([new AnswerValue(null, "b", null)], result.Values);
    }

    [Fact]
    public void ParseAnswer_CodeNotAnOption_IsInvalid()
    {
        var error = SingleError(Parse(Single(), ("q", ["zz"])));

        Assert.Equal(new AnswerError("q", MessageKeys.Invalid, []), error with { Arguments = [] });
    }

    [Fact]
    public void ParseAnswer_SingleWithTwoCodes_IsInvalid()
    {
        Assert.Equal(MessageKeys.Invalid, SingleError(Parse(Single(), ("q", ["a", "b"]))).MessageKey);
    }

    [Fact]
    public void ParseAnswer_RequiredAndNothingChosen_IsRequiredOnMainField()
    {
        var error = SingleError(Parse(Single(required: true), ("q", [""])));

        Assert.Equal(("q", MessageKeys.Required), (error.Field, error.MessageKey));
    }

    [Fact]
    public void ParseAnswer_OptionalAndNothingChosen_IsValidWithoutValues()
    {
        var result = Parse(Single());

        Assert.True(result.IsValid);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void ParseAnswer_OtherWithText_StoresTrimmedText()
    {
        var result = Parse(Single(), ("q", ["other"]), ("q:other", ["  de bakfiets \r\n"]));

        Assert.Equal([new AnswerValue(null, "other", "de bakfiets")], result.Values);
    }

    [Fact]
    public void ParseAnswer_OtherWithoutText_IsOtherTextOnOtherField()
    {
        var error = SingleError(Parse(Single(), ("q", ["other"]), ("q:other", ["   "])));

        Assert.Equal(("q:other", MessageKeys.OtherText), (error.Field, error.MessageKey));
    }

    [Fact]
    public void ParseAnswer_OtherTextTooLong_IsMaxLength200()
    {
        var error = SingleError(Parse(Single(), ("q", ["other"]), ("q:other", [new string('x', 201)])));

        Assert.Equal(("q:other", MessageKeys.MaxLength, 200), (error.Field, error.MessageKey, (int)error.Arguments[0]));
    }

    [Fact]
    public void ParseAnswer_OtherTextWithoutOtherChosen_IsIgnored()
    {
        var result = Parse(Single(), ("q", ["a"]), ("q:other", ["tekst"]));

        Assert.Equal([new AnswerValue(null, "a", null)], result.Values);
    }

    [Fact]
    public void ParseAnswer_MultipleDuplicates_AreIgnoredAndStoredInOptionOrder()
    {
        var result = Parse(Multiple(), ("q", ["b", "a", "b"]));

        Assert.Equal([new AnswerValue(null, "a", null), new AnswerValue(null, "b", null)], result.Values);
    }

    [Fact]
    public void ParseAnswer_MultipleOverMaxChoices_IsMaxChoicesWithMax()
    {
        var error = SingleError(Parse(Multiple(), ("q", ["a", "b", "c"])));

        Assert.Equal((MessageKeys.MaxChoices, 2), (error.MessageKey, (int)error.Arguments[0]));
    }

    [Fact]
    public void ParseAnswer_MultipleWithOneTamperedCode_IsInvalid()
    {
        Assert.Equal(MessageKeys.Invalid, SingleError(Parse(Multiple(), ("q", ["a", "<script>"]))).MessageKey);
    }

    [Fact]
    public void ToFormValues_StoredOther_RoundTrips()
    {
        var question = Multiple();
        var type = Survey.Definitions.QuestionTypes.QuestionTypeRegistry.Default.Get("multiple");
        var stored = Parse(question, ("q", ["a", "other"]), ("q:other", ["iets"])).Values;

        var form = type.ToFormValues(question, stored);

        Assert.Equal(["a", "other"], form["q"]);
        Assert.Equal(["iets"], form["q:other"]);
        Assert.Equal(stored, type.ParseAnswer(question, new DictionaryFormInput(form.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()))).Values);
    }

    [Fact]
    public void ParseAnswer_Dropdown_BehavesAsSingle()
    {
        var question = Question($"id: q\ntype: dropdown\ntext: {{ nl: V, en: Q }}\n{Options}");

        Assert.Equal([new AnswerValue(null, "c", null)], Parse(question, ("q", ["c"])).Values);
        Assert.Equal(MessageKeys.Invalid, SingleError(Parse(question, ("q", ["d"]))).MessageKey);
    }
}
