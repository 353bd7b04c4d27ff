using System.Text.RegularExpressions;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Loading;

/// <summary>What readers of one survey file share: diagnostics, declared languages, option sets, ids seen so far.</summary>
internal sealed partial class SurveyContext(DiagnosticBag diagnostics, QuestionTypeRegistry registry)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public QuestionTypeRegistry Registry { get; } = registry;

    /// <summary>The declared languages; nl and en when the survey's own list is missing or broken, so texts are still checked.</summary>
    public IReadOnlyList<string> Languages { get; set; } = ["nl", "en"];

    public Dictionary<string, OptionSet> OptionSets { get; } = new(StringComparer.Ordinal);

    /// <summary>Questions by id, in order, with their page index (first definition wins; duplicates are reported).</summary>
    public Dictionary<string, QuestionPlace> Questions { get; } = new(StringComparer.Ordinal);

    /// <summary>How many questions have been read so far: the position in the survey of the question being read.</summary>
    public int QuestionCount { get; set; }

    public Dictionary<string, YamlNode> Backgrounds { get; } = new(StringComparer.Ordinal);

    /// <summary>Condition references, checked once every question is known.</summary>
    public List<ConditionUse> ConditionUses { get; } = [];

    public string LanguageList => string.Join(", ", Languages);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex SurveyId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex PageId();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    public static partial Regex QuestionId();

    // The README's rule is letters, digits, '_' and '-'; its own example uses "40+", so '+' is accepted too.
    [GeneratedRegex("^[A-Za-z0-9_+-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex Code();

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    public static partial Regex Background();
}

internal sealed record OptionSet(string Name, IReadOnlyList<OptionDefinition> Options, YamlNode Node);

internal sealed record QuestionPlace(QuestionDefinition Question, int PageIndex, int Order, YamlNode IdNode, bool KnownType);

/// <summary>
/// One <c>question:</c> inside a show_if, with what it tests, kept until all questions are read. <see cref="OwnerOrder"/>
/// is the position of the question whose show_if this is, or null for a page's show_if.
/// </summary>
internal sealed record ConditionUse(
    string Owner,
    int PageIndex,
    int? OwnerOrder,
    string Question,
    YamlNode QuestionNode,
    string Test,
    YamlNode TestNode,
    IReadOnlyList<(string Code, YamlNode Node)> Codes);
