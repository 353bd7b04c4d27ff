using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Definitions.QuestionTypes;

/// <summary>
/// A question type: reads its settings from YAML (in the loader) and reads, validates and normalises answers.
/// One folder per type under <c>QuestionTypes/</c>; registered in <c>QuestionTypeRegistry</c>.
/// </summary>
public interface IQuestionType
{
    /// <summary>The name used in YAML (<c>type: single</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Reads and checks the type's own keys of a question in YAML (<c>options</c>, <c>min</c> …). Problems are reported
    /// through <paramref name="reader"/>; the returned settings are only used when the file has no errors.
    /// </summary>
    QuestionSettings ReadSettings(QuestionSettingsReader reader);

    /// <summary>
    /// Reads the answer from posted fields (see <see cref="FieldNames"/>). Invalid or tampered input (a code that is not an
    /// option, text over the limit, a number out of range) gives errors and no values. <c>required</c> is checked here too.
    /// </summary>
    AnswerParseResult ParseAnswer(QuestionDefinition question, IFormInput form);

    /// <summary>The values to put back into the form fields when showing a stored answer: field name to values.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>> ToFormValues(QuestionDefinition question, IReadOnlyList<AnswerValue> stored);
}
