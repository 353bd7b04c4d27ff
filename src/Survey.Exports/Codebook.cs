using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes.Date;
using Survey.Definitions.QuestionTypes.Matrix;
using Survey.Definitions.QuestionTypes.Rating;

namespace Survey.Exports;

/// <summary>A text in Dutch and English, the two languages every download carries.</summary>
public sealed record Label(string Nl, string En)
{
    /// <summary>The English text for an English tag (<c>en</c>, <c>en-GB</c>), otherwise the Dutch one.</summary>
    public string this[LanguageTag language] => ExportText.IsEnglish(language) ? En : Nl;

    internal static Label Of(LocalizedText text) => new(text[LanguageTag.Dutch], text[LanguageTag.English]);
}

/// <summary>One value a variable can take.</summary>
/// <param name="Code">The stored code (option code, scale point, or 1/0 for a multiple-choice option).</param>
/// <param name="Label">What the code means.</param>
/// <param name="DontKnow">True for a don't-know (or prefer-not-to-say) code, which analyses usually treat as missing.</param>
public sealed record CodebookCode(string Code, Label Label, bool DontKnow);

/// <summary>One column of the microdata.</summary>
/// <param name="Name">Column name: <c>q</c>, <c>q.item</c> (matrix) or <c>q.option</c> (multiple choice).</param>
/// <param name="QuestionId">The question the column comes from.</param>
/// <param name="Item">The matrix item or multiple-choice option, or null for a whole question.</param>
/// <param name="Type">The question type (<c>single</c>, <c>matrix</c>, …), or <c>month</c> for a date question that asks only the month and year (values <c>yyyy-mm</c>).</param>
/// <param name="Label">Question text, followed by the item or option text when there is one.</param>
/// <param name="Codes">The codes with their labels; empty for numbers without extra codes, text and dates.</param>
/// <param name="DontKnow">True for the column of a multiple-choice option that is itself don't-know.</param>
/// <param name="Note">What a user of the data must know about the column (open answers, the weight), or null.</param>
public sealed record CodebookVariable(
    string Name, string QuestionId, string? Item, string Type, Label Label, IReadOnlyList<CodebookCode> Codes, bool DontKnow = false, Label? Note = null)
{
    /// <summary>True for free text (open questions and "other, namely" texts), whose values are whatever a respondent typed.</summary>
    public bool IsText => Type is "text" or "textarea" or Codebook.OtherTextType;

    /// <summary>The code's entry, or null when the value is not a listed code (a number, a date, text).</summary>
    public CodebookCode? FindCode(string code) => Codes.FirstOrDefault(c => c.Code == code);
}

/// <summary>
/// The variables of a survey's microdata, in questionnaire order: one per single, dropdown, rating, number, text, date
/// and year question (<c>q</c>), one per matrix item (<c>q.item</c>, coded with the matrix options) and one per
/// multiple-choice option (<c>q.option</c>, 1 chosen / 0 not chosen), followed by <c>q_other</c> (the "other, namely"
/// text) for a choice question with an other option. Rating end points carry their labels (<c>1 = Heel slecht</c>).
/// Labels come in Dutch and English. <see cref="Columns"/> adds <c>response_id</c> and <c>weight</c>, every column of the
/// microdata.
/// </summary>
public sealed class Codebook
{
    /// <summary>The first microdata column: the response's random id.</summary>
    public const string ResponseIdColumn = "response_id";

    /// <summary>The last microdata column: the calibrated weight.</summary>
    public const string WeightColumn = "weight";

    /// <summary>The type of a date question with <c>precision: month</c>: values are <c>yyyy-mm</c>, not days.</summary>
    public const string MonthType = "month";

    /// <summary>The type of a <c>q_other</c> column: the free text typed with an "other, namely" option.</summary>
    public const string OtherTextType = "other_text";

    private static readonly CodebookCode[] ChosenCodes =
    [
        new("1", new Label("Gekozen", "Chosen"), false),
        new("0", new Label("Niet gekozen", "Not chosen"), false),
    ];

    private static readonly Label OpenAnswerNote = new(
        "Open antwoord zoals getypt: kan iemand herkenbaar maken. Niet in de kruistabellen; controleer en codeer het voordat u het deelt of publiceert.",
        "Open answer as typed: it can identify a person. Not in the crosstabs; check and recode it before you share or publish it.");

    private static readonly Label MonthNote = new(
        "Alleen maand en jaar gevraagd: jjjj-mm (2024-03 is maart 2024).",
        "Only the month and year were asked: yyyy-mm (2024-03 is March 2024).");

    private static readonly CodebookVariable ResponseId = new(
        ResponseIdColumn, string.Empty, null, "id", new Label("Respons-id", "Response id"), [],
        Note: new Label(
            "Willekeurig gekozen bij het opslaan; zegt niets over de respondent, het apparaat of de volgorde van invullen.",
            "Chosen at random when the response was stored; says nothing about the respondent, the device or the order of completion."));

    private static readonly CodebookVariable Weight = new(
        WeightColumn, string.Empty, null, "weight", new Label("Weegfactor", "Weight"), [],
        Note: new Label(
            "Kalibratiegewicht (raking naar de populatiecijfers van het targets-bestand; de gewichten tellen op tot de populatie). Leeg: niet te wegen (een achtergrondvraag ontbreekt of 'zeg ik liever niet'), buiten elke schatting.",
            "Calibration weight (raked to the population targets of the targets file; the weights sum to the population). Empty: cannot be weighted (a background answer is missing or 'prefer not to say'), left out of every estimate."));

    private readonly Dictionary<string, CodebookVariable> _byName;

    /// <exception cref="ArgumentException">Two variables share a name.</exception>
    public Codebook(IReadOnlyList<CodebookVariable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        Variables = [.. variables];
        _byName = new Dictionary<string, CodebookVariable>(StringComparer.Ordinal);
        foreach (var v in Variables)
        {
            if (!_byName.TryAdd(v.Name, v))
            {
                throw new ArgumentException($"Variable '{v.Name}' appears twice in the codebook.", nameof(variables));
            }
        }
    }

    /// <summary>The answer variables in column order.</summary>
    public IReadOnlyList<CodebookVariable> Variables { get; }

    /// <summary>Every column of the microdata in order: <c>response_id</c>, <see cref="Variables"/>, <c>weight</c>.</summary>
    public IReadOnlyList<CodebookVariable> Columns => [ResponseId, .. Variables, Weight];

    /// <summary>The microdata column of the "other, namely" text of a choice question.</summary>
    public static string OtherVariable(string questionId) => questionId + "_other";

    /// <summary>The variable of that name, or null.</summary>
    public CodebookVariable? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Names the microdata variables of <paramref name="survey"/>.</summary>
    public static Codebook For(SurveyDefinition survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var variables = new List<CodebookVariable>();
        foreach (var q in survey.Questions)
        {
            var text = Label.Of(q.Text);
            switch (q.Settings)
            {
                case MatrixSettings matrix:
                    var scale = Codes(matrix.Options);
                    variables.AddRange(matrix.Items.Select(item =>
                        new CodebookVariable($"{q.Id}.{item.Code}", q.Id, item.Code, q.Type, Combine(text, item.Text), scale)));
                    break;
                case var settings when q.Type == "multiple":
                    variables.AddRange(settings.Options.Select(option =>
                        new CodebookVariable($"{q.Id}.{option.Code}", q.Id, option.Code, q.Type, Combine(text, option.Text), ChosenCodes, option.DontKnow)));
                    break;
                case RatingSettings rating:
                    variables.Add(new CodebookVariable(q.Id, q.Id, null, q.Type, text, RatingCodes(rating)));
                    break;
                case DateSettings { MonthOnly: true }:
                    variables.Add(new CodebookVariable(q.Id, q.Id, null, MonthType, text, [], Note: MonthNote));
                    break;
                case var settings when q.Type is "text" or "textarea":
                    variables.Add(new CodebookVariable(q.Id, q.Id, null, q.Type, text, Codes(settings.Options), Note: OpenAnswerNote));
                    break;
                default:
                    variables.Add(new CodebookVariable(q.Id, q.Id, null, q.Type, text, Codes(q.Settings.Options)));
                    break;
            }
            if (q.Settings.Options.FirstOrDefault(o => o.Other) is { } other)
            {
                variables.Add(new CodebookVariable(
                    OtherVariable(q.Id), q.Id, other.Code, OtherTextType, Combine(text, other.Text), [], Note: OpenAnswerNote));
            }
        }
        return new Codebook(variables);
    }

    private static CodebookCode[] Codes(IReadOnlyList<OptionDefinition> options) =>
        [.. options.Select(o => new CodebookCode(o.Code, Label.Of(o.Text), o.DontKnow))];

    /// <summary>The scale points, the end points with their labels ("1 = Heel slecht"), then the extra codes.</summary>
    private static CodebookCode[] RatingCodes(RatingSettings rating) =>
    [
        .. rating.Options.Select(o =>
        {
            var end = o.DontKnow ? null : o.Code == Point(rating.Min) ? rating.MinLabel : o.Code == Point(rating.Max) ? rating.MaxLabel : null;
            var label = Label.Of(o.Text);
            return new CodebookCode(o.Code, end is null ? label : new Label($"{o.Code} = {end[LanguageTag.Dutch]}", $"{o.Code} = {end[LanguageTag.English]}"), o.DontKnow);
        }),
    ];

    private static string Point(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Label Combine(Label question, LocalizedText part)
    {
        var p = Label.Of(part);
        return new Label($"{question.Nl}: {p.Nl}", $"{question.En}: {p.En}");
    }
}
