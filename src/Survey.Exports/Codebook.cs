using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes.Matrix;

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
/// <param name="Type">The question type (<c>single</c>, <c>matrix</c>, …).</param>
/// <param name="Label">Question text, followed by the item or option text when there is one.</param>
/// <param name="Codes">The codes with their labels; empty for numbers without extra codes, text and dates.</param>
/// <param name="DontKnow">True for the column of a multiple-choice option that is itself don't-know.</param>
public sealed record CodebookVariable(
    string Name, string QuestionId, string? Item, string Type, Label Label, IReadOnlyList<CodebookCode> Codes, bool DontKnow = false)
{
    /// <summary>True for free text, whose values are whatever a respondent typed.</summary>
    public bool IsText => Type is "text" or "textarea";

    /// <summary>The code's entry, or null when the value is not a listed code (a number, a date, text).</summary>
    public CodebookCode? FindCode(string code) => Codes.FirstOrDefault(c => c.Code == code);
}

/// <summary>
/// The variables of a survey's microdata, in questionnaire order: one per single, dropdown, rating, number, text, date
/// and year question (<c>q</c>), one per matrix item (<c>q.item</c>, coded with the matrix options) and one per
/// multiple-choice option (<c>q.option</c>, 1 chosen / 0 not chosen). Labels come in Dutch and English.
/// </summary>
public sealed class Codebook
{
    private static readonly CodebookCode[] ChosenCodes =
    [
        new("1", new Label("Gekozen", "Chosen"), false),
        new("0", new Label("Niet gekozen", "Not chosen"), false),
    ];

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

    /// <summary>The variables in column order.</summary>
    public IReadOnlyList<CodebookVariable> Variables { get; }

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
                default:
                    variables.Add(new CodebookVariable(q.Id, q.Id, null, q.Type, text, Codes(q.Settings.Options)));
                    break;
            }
        }
        return new Codebook(variables);
    }

    private static CodebookCode[] Codes(IReadOnlyList<OptionDefinition> options) =>
        [.. options.Select(o => new CodebookCode(o.Code, Label.Of(o.Text), o.DontKnow))];

    private static Label Combine(Label question, LocalizedText part)
    {
        var p = Label.Of(part);
        return new Label($"{question.Nl}: {p.Nl}", $"{question.En}: {p.En}");
    }
}
