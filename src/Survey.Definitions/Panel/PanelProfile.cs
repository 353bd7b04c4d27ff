using Survey.Definitions.Loading;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes;

namespace Survey.Definitions.Panel;

/// <summary>One answer a member can give for a profile field: its stored code and its label per language.</summary>
public sealed record PanelProfileOption(string Code, LocalizedText Label);

/// <summary>A profile field (<c>nationality</c>, <c>district</c>, <c>age_band</c>): its label and its codes, in order.</summary>
public sealed class PanelProfileField
{
    internal PanelProfileField(string name, LocalizedText label, IReadOnlyList<PanelProfileOption> options)
    {
        Name = name;
        Label = label;
        Options = options;
    }

    public string Name { get; }

    public LocalizedText Label { get; }

    public IReadOnlyList<PanelProfileOption> Options { get; }

    public bool IsCode(string? code) => code is not null && Options.Any(o => o.Code == code);

    /// <summary>The label of <paramref name="code"/> in <paramref name="language"/>; the code itself when it is not (any more) in the profile.</summary>
    public string LabelOf(string code, LanguageTag language) =>
        Options.FirstOrDefault(o => o.Code == code)?.Label[language] ?? code;
}

/// <summary>The outcome of loading a panel profile file: the profile when it is valid, and every problem found.</summary>
public sealed record PanelProfileLoadResult(PanelProfile? Profile, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Profile is not null && Diagnostics.Count == 0;
}

/// <summary>
/// The International Panel's member profile, read from <c>surveys/shared/panel-profile.yaml</c>: the languages a member
/// can choose and the coarse fields selection and weighting need. One definition for the sign-up form, the "my data"
/// page, the CSV import and wave selection. A field left empty means "prefer not to say".
/// </summary>
public sealed class PanelProfile
{
    /// <summary>Where the profile lives, relative to the surveys folder.</summary>
    public static readonly string RelativePath = Path.Combine("shared", "panel-profile.yaml");

    public const string Nationality = "nationality";
    public const string District = "district";
    public const string AgeBand = "age_band";

    /// <summary>The fields every profile defines, in this order (the names of <c>--where</c>, <c>--stratify</c> and CSV columns).</summary>
    public static readonly IReadOnlyList<string> FieldNames = [Nationality, District, AgeBand];

    internal PanelProfile(IReadOnlyList<string> languages, IReadOnlyList<PanelProfileField> fields, string sourceFile)
    {
        Languages = languages;
        Fields = fields;
        SourceFile = sourceFile;
    }

    /// <summary>The languages a member can choose for mail and survey links (<c>nl</c>, <c>en</c>).</summary>
    public IReadOnlyList<string> Languages { get; }

    public IReadOnlyList<PanelProfileField> Fields { get; }

    public string SourceFile { get; }

    /// <summary>The field named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The profile has no such field.</exception>
    public PanelProfileField Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"The panel profile has no field '{name}' (fields: {string.Join(", ", FieldNames)}).", nameof(name));

    public bool IsLanguage(string? language) => language is not null && Languages.Contains(language, StringComparer.Ordinal);

    public static PanelProfileLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PanelProfileLoadResult(null, [new Diagnostic(new SourceLocation(path, 1, 1), $"cannot read the panel profile: {ex.Message}")]);
        }
        return Load(text, path);
    }

    /// <summary>Loads profile text; <paramref name="fileName"/> is used in diagnostics as given.</summary>
    public static PanelProfileLoadResult Load(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new DiagnosticBag(fileName);
        PanelProfile? profile = null;
        try
        {
            var root = YamlText.ReadSingleDocument(yamlText, diagnostics, "the file is empty; a panel profile starts with 'languages:' and 'fields:'");
            if (root is not null)
            {
                var (languages, fields) = PanelProfileReader.Read(new SurveyContext(diagnostics, QuestionTypeRegistry.Default), root);
                profile = new PanelProfile(languages, fields, fileName);
            }
        }
#pragma warning disable CA1031 // A bug in a check must not stop the platform from listing the file's problems.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            diagnostics.AddAt(1, 1, $"internal error while checking this file ({ex.GetType().Name}: {ex.Message}); please report it");
        }
        var list = diagnostics.Sorted();
        return new PanelProfileLoadResult(list.Count == 0 ? profile : null, list);
    }
}
