namespace Survey.Definitions.Answers;

/// <summary>Posted form values, independent of ASP.NET Core. Missing fields give an empty list.</summary>
public interface IFormInput
{
    IReadOnlyList<string> Values(string fieldName);
}

/// <summary>A form input over a dictionary; used by tests and by the web adapter.</summary>
public sealed class DictionaryFormInput(IReadOnlyDictionary<string, string[]> values) : IFormInput
{
    public IReadOnlyList<string> Values(string fieldName) => values.TryGetValue(fieldName, out var v) ? v : [];
}

/// <summary>
/// The one place that names form fields, so question types, Razor partials and tests agree.
/// Question ids contain no '-', so the html ids below cannot collide.
/// </summary>
public static class FieldNames
{
    /// <summary>The main field of a question.</summary>
    public static string For(string questionId) => questionId;

    /// <summary>The field of one matrix item.</summary>
    public static string ForItem(string questionId, string itemCode) => $"{questionId}:{itemCode}";

    /// <summary>The "other, namely …" text field.</summary>
    public static string ForOther(string questionId) => $"{questionId}:other";

    /// <summary>An html id for a field name (ids must not contain ':' for CSS and fragment links to be simple).</summary>
    public static string HtmlId(string fieldName) => "f-" + fieldName.Replace(':', '-');
}

/// <summary>Why an answer was refused. <see cref="MessageKey"/> is one of <see cref="MessageKeys"/>.</summary>
public sealed record AnswerError(string Field, string MessageKey, IReadOnlyList<object> Arguments);

/// <summary>The message keys a question type reports; looked up in the question's <c>messages</c>, then in locales as <c>validation.&lt;key&gt;</c>.</summary>
public static class MessageKeys
{
    public const string Required = "required";
    public const string Invalid = "invalid";
    public const string MaxChoices = "max_choices";
    public const string MaxLength = "max_length";
    public const string Range = "range";
    public const string OtherText = "other_text";
    public const string Exclusive = "exclusive";

    public static IReadOnlyList<string> All { get; } = [Required, Invalid, MaxChoices, MaxLength, Range, OtherText, Exclusive];
}

/// <summary>The outcome of reading one question's answer from a form: the values to store, or errors.</summary>
public sealed record AnswerParseResult(IReadOnlyList<AnswerValue> Values, IReadOnlyList<AnswerError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
