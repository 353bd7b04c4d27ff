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

    /// <summary>
    /// The html id of the "other, namely …" text field. Not <c>HtmlId(ForOther(…))</c>: that equals the id of an option coded
    /// <c>other</c>, and the text field needs its own label. Question ids contain no '-', so no "f-" id can take this form.
    /// </summary>
    public static string OtherTextHtmlId(string questionId) => $"other-text-{questionId}";

    /// <summary>One of the three fields of a date (GOV.UK date input): <c>day</c>, <c>month</c> or <c>year</c>.</summary>
    public static string ForDatePart(string questionId, string part) => $"{questionId}:{part}";

    /// <summary>The parts of a date in the order they are shown and checked.</summary>
    public static IReadOnlyList<string> DateParts { get; } = ["day", "month", "year"];

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

    /// <summary>Two or three parts of a date left empty.</summary>
    public const string DateIncomplete = "date_incomplete";
    public const string DateMissingDay = "date_missing_day";
    public const string DateMissingMonth = "date_missing_month";
    public const string DateMissingYear = "date_missing_year";

    /// <summary>The day is not a number from 1 to 31.</summary>
    public const string DateDay = "date_day";

    /// <summary>The month is not a number from 1 to 12.</summary>
    public const string DateMonth = "date_month";

    /// <summary>The year is not four digits.</summary>
    public const string DateYear = "date_year";

    /// <summary>A day the month does not have (31 April, 29 February 2023).</summary>
    public const string DateNotReal = "date_not_real";

    public static IReadOnlyList<string> All { get; } =
    [
        Required, Invalid, MaxChoices, MaxLength, Range, OtherText, Exclusive,
        DateIncomplete, DateMissingDay, DateMissingMonth, DateMissingYear, DateDay, DateMonth, DateYear, DateNotReal,
    ];
}

/// <summary>The outcome of reading one question's answer from a form: the values to store, or errors.</summary>
public sealed record AnswerParseResult(IReadOnlyList<AnswerValue> Values, IReadOnlyList<AnswerError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
