using System.Text.RegularExpressions;
using Survey.Definitions.Loading;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes;

namespace Survey.Definitions.Nationality;

/// <summary>
/// One group of a grouping, such as <c>eu</c> of <c>coarse</c>: its label and the nationalities (ISO 3166-1 alpha-2,
/// lower case) in it. <see cref="IsRest"/> is true for <c>countries: rest</c>: every two-letter code that no other group
/// of the grouping lists.
/// </summary>
public sealed record NationalityGroup(string Code, LocalizedText Label, IReadOnlyList<string> Countries, bool IsRest);

/// <summary>
/// A named way of putting nationalities into groups, such as <c>coarse</c> (nl / eu / non_eu).
/// <see cref="OtherGroup"/> is where the survey's "another nationality" option goes; null means such answers have no group.
/// </summary>
public sealed class NationalityGrouping
{
    private readonly Dictionary<string, string> _byCountry;

    internal NationalityGrouping(string name, LocalizedText label, IReadOnlyList<NationalityGroup> groups, string? otherGroup)
    {
        Name = name;
        Label = label;
        Groups = groups;
        OtherGroup = otherGroup;
        RestGroup = groups.FirstOrDefault(g => g.IsRest)?.Code;
        _byCountry = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var country in group.Countries)
            {
                _byCountry.TryAdd(country, group.Code);
            }
        }
    }

    public string Name { get; }

    public LocalizedText Label { get; }

    public IReadOnlyList<NationalityGroup> Groups { get; }

    /// <summary>The group of the survey's "other nationality" option (<c>other</c>), or null when it is left without a group.</summary>
    public string? OtherGroup { get; }

    /// <summary>The group of every code not listed elsewhere, if the grouping has one.</summary>
    public string? RestGroup { get; }

    public IEnumerable<string> GroupCodes => Groups.Select(g => g.Code);

    /// <summary>The group of a nationality code as the surveys store it: a lower-case alpha-2 code, or <c>other</c>.
    /// Null for anything else (don't-know codes, empty answers, codes in no group).</summary>
    public string? Map(string? code) => code switch
    {
        null => null,
        NationalityGroups.OtherCode => OtherGroup,
        _ when _byCountry.TryGetValue(code, out var group) => group,
        _ when NationalityGroups.IsCountryCode(code) => RestGroup,
        _ => null,
    };
}

/// <summary>The outcome of loading a nationality mapping file: the mapping when it is valid, and every problem found.</summary>
public sealed record NationalityGroupsLoadResult(NationalityGroups? Groups, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Groups is not null && Diagnostics.Count == 0;
}

/// <summary>
/// The shared mapping from nationality (ISO 3166-1 alpha-2) to nationality groups, read from
/// <c>surveys/shared/nationality-groups.yaml</c> (format: <c>surveys/README.md</c>, "Population targets").
/// Dual nationals with Dutch nationality count as Dutch: that is how the questions ask it, not something the mapping decides.
/// </summary>
public sealed partial class NationalityGroups
{
    /// <summary>Where the mapping lives, relative to the surveys folder.</summary>
    public static readonly string RelativePath = Path.Combine("shared", "nationality-groups.yaml");

    /// <summary>The option code of the surveys' "another nationality, namely …" option.</summary>
    public const string OtherCode = "other";

    internal NationalityGroups(IReadOnlyList<NationalityGrouping> groupings, string sourceFile)
    {
        Groupings = groupings.ToDictionary(g => g.Name, StringComparer.Ordinal);
        SourceFile = sourceFile;
    }

    public IReadOnlyDictionary<string, NationalityGrouping> Groupings { get; }

    public string SourceFile { get; }

    /// <summary>The group of <paramref name="code"/> in <paramref name="grouping"/>; null when the code has no group (see <see cref="NationalityGrouping.Map"/>).</summary>
    /// <exception cref="ArgumentException">There is no grouping of that name.</exception>
    public string? Map(string grouping, string? code)
    {
        ArgumentNullException.ThrowIfNull(grouping);
        return Groupings.TryGetValue(grouping, out var g)
            ? g.Map(code)
            : throw new ArgumentException($"There is no nationality grouping '{grouping}' (groupings: {string.Join(", ", Groupings.Keys)}).", nameof(grouping));
    }

    public static bool IsCountryCode(string? code) => code is not null && CountryCode().IsMatch(code);

    public static NationalityGroupsLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new NationalityGroupsLoadResult(null, [new Diagnostic(new SourceLocation(path, 1, 1), $"cannot read the file: {ex.Message}")]);
        }
        return Load(text, path);
    }

    /// <summary>Loads mapping text; <paramref name="fileName"/> is used in diagnostics as given.</summary>
    public static NationalityGroupsLoadResult Load(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new DiagnosticBag(fileName);
        NationalityGroups? groups = null;
        try
        {
            var root = YamlText.ReadSingleDocument(yamlText, diagnostics, "the file is empty; a nationality mapping starts with 'groupings:'");
            if (root is not null)
            {
                var groupings = NationalityGroupsReader.Read(new SurveyContext(diagnostics, QuestionTypeRegistry.Default), root);
                groups = new NationalityGroups(groupings, fileName);
            }
        }
#pragma warning disable CA1031 // A bug in a check must not stop the platform from listing the file's problems.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            diagnostics.AddAt(1, 1, $"internal error while checking this file ({ex.GetType().Name}: {ex.Message}); please report it");
        }
        var list = diagnostics.Sorted();
        return new NationalityGroupsLoadResult(list.Count == 0 ? groups : null, list);
    }

    [GeneratedRegex("^[a-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryCode();
}
