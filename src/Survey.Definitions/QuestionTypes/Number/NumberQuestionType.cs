using System.Globalization;
using System.Text.RegularExpressions;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Definitions.QuestionTypes.Number;

/// <summary>A typed number, whole (<see cref="Integer"/>) or decimal, optionally bounded, with extra codes such as don't-know.</summary>
#pragma warning disable CA1720 // 'Integer' is the YAML word (number: integer) and what the pages read.
public sealed record NumberSettings(bool Integer, decimal? Min, decimal? Max, LocalizedText? Unit, IReadOnlyList<OptionDefinition> ExtraOptions)
    : QuestionSettings
{
    /// <summary>Only the extra codes (a number question has no scale of options).</summary>
    public override IReadOnlyList<OptionDefinition> Options => ExtraOptions;

    public override bool IsNumeric => true;
}
#pragma warning restore CA1720

/// <summary>
/// Accepts <c>3,5</c> and <c>3.5</c> (one separator is always the decimal one); rejects thousands separators such as
/// <c>1.000,5</c>, spaces and anything else as <c>invalid</c>. Stored invariantly without trailing zeros.
/// </summary>
public sealed partial class NumberQuestionType : IQuestionType
{
    public string Name => "number";

    public QuestionSettings ReadSettings(QuestionSettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var integer = true;
        switch (reader.ReadString("number"))
        {
            case null or "integer":
                break;
            case "decimal":
                integer = false;
                break;
            case var other:
                reader.Error("number", $"'number' of {reader.What} must be 'integer' or 'decimal', not '{other}'");
                break;
        }
        var min = reader.ReadDecimal("min");
        var max = reader.ReadDecimal("max");
        if (min > max)
        {
            reader.Error("min", $"min of {reader.What} ({Invariant(min.Value)}) must not be greater than max ({Invariant(max!.Value)})");
        }
        if (integer)
        {
            foreach (var (key, bound) in new[] { ("min", min), ("max", max) })
            {
                if (bound is { } b && b != decimal.Truncate(b))
                {
                    reader.Error(key, $"{key} of {reader.What} must be a whole number, because the question asks for an integer");
                }
            }
        }
        var unit = reader.ReadText("unit");
        var extra = reader.ReadOptions("options", allowOther: false);
        return new NumberSettings(integer, min, max, unit, extra);
    }

    public AnswerParseResult ParseAnswer(QuestionDefinition question, IFormInput form)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(form);
        var settings = (NumberSettings)question.Settings;
        var field = FieldNames.For(question.Id);
        var posted = AnswerReading.Posted(form, field).Distinct(StringComparer.Ordinal).ToList();
        var codes = posted.Where(p => settings.ExtraOptions.Any(o => o.Code == p)).ToList();
        var typed = posted.Except(codes, StringComparer.Ordinal).ToList();
        if (posted.Count == 0)
        {
            return AnswerReading.Unanswered(question, field);
        }
        if (posted.Count > 1)
        {
            // A number together with don't-know, or several numbers: not one answer.
            return AnswerReading.Fail(field, MessageKeys.Invalid);
        }
        if (codes.Count == 1)
        {
            return AnswerReading.Valid([new AnswerValue(null, codes[0], null)]);
        }
        if (!TryParse(typed[0], out var value) || (settings.Integer && value != decimal.Truncate(value)))
        {
            return AnswerReading.Fail(field, MessageKeys.Invalid);
        }
        if (value < settings.Min || value > settings.Max)
        {
            return AnswerReading.Fail(field, MessageKeys.Range, (object?)settings.Min ?? string.Empty, (object?)settings.Max ?? string.Empty);
        }
        return AnswerReading.Valid([new AnswerValue(null, null, Invariant(value))]);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToFormValues(QuestionDefinition question, IReadOnlyList<AnswerValue> stored)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(stored);
        return AnswerReading.SingleFieldFormValues(question, stored);
    }

    /// <summary>Reads <c>-12</c>, <c>3,5</c> or <c>3.5</c>; not <c>1.000,5</c>, <c>1 000</c>, <c>.5</c> or <c>1e3</c>.</summary>
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length > 40 || !Plain().IsMatch(trimmed))
        {
            return false;
        }
        return decimal.TryParse(trimmed.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary><c>3.5</c>, not <c>3.50</c>: the stored form of a number.</summary>
    public static string Invariant(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^-?[0-9]+([.,][0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}

public static class NumberRegistration
{
    public static QuestionTypeRegistryBuilder UseNumber(this QuestionTypeRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new NumberQuestionType());
    }
}
