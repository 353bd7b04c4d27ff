using Survey.Definitions.Answers;
using Survey.Definitions.QuestionTypes.Rating;
using static Survey.Definitions.Tests.TestSurveys;

namespace Survey.Definitions.Tests.QuestionTypes;

/// <summary>Rating and matrix: answers chosen from a scale.</summary>
public sealed class ScaleAnswerTests
{
    private static Model.QuestionDefinition Rating() => Question("""
        id: r
        type: rating
        required: true
        min: 1
        max: 10
        text: { nl: Cijfer, en: Mark }
        options:
          - { code: dk, dont_know: true, text: { nl: Weet niet, en: Don't know } }
        """);

    private static Model.QuestionDefinition Matrix(bool required) => Question($$"""
        id: m
        type: matrix
        required: {{(required ? "true" : "false")}}
        text: { nl: Stellingen, en: Statements }
        items:
          - { code: safe, text: { nl: Veilig, en: Safe } }
          - { code: clean, text: { nl: Schoon, en: Clean } }
        options:
          - { code: "1", text: { nl: Oneens, en: Disagree } }
          - { code: "2", text: { nl: Eens, en: Agree } }
        """);

    [Fact]
    public void Options_Rating_AreScalePointsThenExtraCodes()
    {
        var settings = (RatingSettings)Rating().Settings;

        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "dk"], settings.Options.Select(o => o.Code));
        Assert.Equal("7", settings.Options[6].Text[Model.LanguageTag.Dutch]);
        Assert.True(settings.Options[^1].DontKnow);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("dk")]
    public void ParseAnswer_RatingPointOrExtraCode_StoresCode(string code)
    {
        Assert.Equal([new AnswerValue(null, code, null)], Parse(Rating(), ("r", [code])).Values);
    }

    [Theory]
    [InlineData("11")]
    [InlineData("0")]
    [InlineData("7.5")]
    public void ParseAnswer_RatingOutOfScale_IsInvalid(string code)
    {
        Assert.Equal(MessageKeys.Invalid, SingleError(Parse(Rating(), ("r", [code]))).MessageKey);
    }

    [Fact]
    public void ParseAnswer_RatingRequiredUnanswered_IsRequired()
    {
        Assert.Equal(MessageKeys.Required, SingleError(Parse(Rating())).MessageKey);
    }

    [Fact]
    public void ParseAnswer_MatrixAllItems_StoresItemAndCode()
    {
        var result = Parse(Matrix(required: true), ("m:safe", ["2"]), ("m:clean", ["1"]));

        Assert.Equal([new AnswerValue("safe", "2", null), new AnswerValue("clean", "1", null)], result.Values);
    }

    [Fact]
    public void ParseAnswer_MatrixRequiredItemMissing_IsRequiredOnFirstMissingItem()
    {
        var error = SingleError(Parse(Matrix(required: true), ("m:clean", ["1"])));

        Assert.Equal(("m:safe", MessageKeys.Required), (error.Field, error.MessageKey));
    }

    [Fact]
    public void ParseAnswer_MatrixOptionalPartial_StoresAnsweredItems()
    {
        var result = Parse(Matrix(required: false), ("m:clean", ["1"]));

        Assert.Equal([new AnswerValue("clean", "1", null)], result.Values);
    }

    [Fact]
    public void ParseAnswer_MatrixInvalidCode_IsInvalidOnThatItem()
    {
        var error = SingleError(Parse(Matrix(required: false), ("m:safe", ["1"]), ("m:clean", ["9"])));

        Assert.Equal(("m:clean", MessageKeys.Invalid), (error.Field, error.MessageKey));
    }

    [Fact]
    public void ToFormValues_Matrix_PutsCodesInItemFields()
    {
        var question = Matrix(required: false);

        var form = Definitions.QuestionTypes.QuestionTypeRegistry.Default.Get("matrix").ToFormValues(question, [new AnswerValue("safe", "2", null)]);

        Assert.Equal(["2"], form["m:safe"]);
        Assert.False(form.ContainsKey("m:clean"));
    }
}
