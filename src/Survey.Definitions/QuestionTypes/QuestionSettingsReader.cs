using Survey.Definitions.Loading;
using Survey.Definitions.Model;

namespace Survey.Definitions.QuestionTypes;

/// <summary>
/// What a question type sees of its question's YAML mapping while the survey is loaded: typed reads of its own keys,
/// each reporting wrong values at their line and column, and <see cref="Error"/> for the type's own rules.
/// Keys a type never reads are reported as unknown.
/// </summary>
public sealed class QuestionSettingsReader
{
    private readonly SurveyContext _context;
    private readonly YamlMap _map;

    internal QuestionSettingsReader(SurveyContext context, YamlMap map, string questionId, string typeName)
    {
        _context = context;
        _map = map;
        QuestionId = questionId;
        TypeName = typeName;
    }

    public string QuestionId { get; }

    public string TypeName { get; }

    /// <summary><c>question 'id'</c>, for messages.</summary>
    public string What => _map.What;

    public bool Has(string key) => _map.Has(key);

    public void Require(string key) => _map.Require(key);

    public string? ReadString(string key) => _map.Scalar(key);

    public int? ReadInteger(string key) => _map.Integer(key);

    public decimal? ReadDecimal(string key) => _map.Decimal(key);

    public bool ReadBoolean(string key, bool defaultValue) => _map.Boolean(key, defaultValue);

    /// <summary>A text in every declared language (checked); null when absent.</summary>
    public LocalizedText? ReadText(string key, bool markdown = false) =>
        LocalizedTextReader.Read(_context, _map, key, $"{What} {key}", markdown);

    /// <summary>A list of options or the name of an option set; empty when absent or broken (already reported).</summary>
    public IReadOnlyList<OptionDefinition> ReadOptions(string key, bool allowOther = true) =>
        _map.Value(key) is { } node ? OptionReader.Resolve(_context, node, What, allowOther) ?? [] : [];

    /// <summary>A list of items (code and text, no flags), as for a matrix.</summary>
    public IReadOnlyList<OptionDefinition> ReadItems(string key) =>
        _map.Value(key) is { } node ? OptionReader.ReadList(_context, node, What, items: true, allowOther: false) ?? [] : [];

    /// <summary>Reports a problem at the value of <paramref name="key"/> (at the question when the key is absent).</summary>
    public void Error(string key, string message) => _map.Error(key, message);
}
