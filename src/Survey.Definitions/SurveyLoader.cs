using Survey.Definitions.Loading;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes;

namespace Survey.Definitions;

/// <summary>The outcome of loading one survey file: the survey when it is valid, and every problem found.</summary>
public sealed record SurveyLoadResult(SurveyDefinition? Survey, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Survey is not null && Diagnostics.Count == 0;
}

/// <summary>
/// Reads a survey YAML file (format: <c>surveys/README.md</c>) and checks it completely. Never throws on bad input:
/// every problem becomes a <see cref="Diagnostic"/> with file, line and column, and all problems are reported at once.
/// </summary>
public static class SurveyLoader
{
    public static SurveyLoadResult LoadFile(string path, QuestionTypeRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SurveyLoadResult(null, [new Diagnostic(new SourceLocation(path, 1, 1), $"cannot read the file: {ex.Message}")]);
        }
        return Load(text, path, registry);
    }

    /// <summary>Loads survey text; <paramref name="fileName"/> is used in diagnostics and kept as <see cref="SurveyDefinition.SourceFile"/>, as given.</summary>
    public static SurveyLoadResult Load(string yamlText, string fileName, QuestionTypeRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new DiagnosticBag(fileName);
        SurveyDefinition? survey = null;
        try
        {
            var root = YamlText.ReadSingleDocument(yamlText, diagnostics, "the file is empty; a survey starts with 'id:'");
            if (root is not null)
            {
                survey = SurveyReader.Read(new SurveyContext(diagnostics, registry ?? QuestionTypeRegistry.Default), root);
            }
        }
#pragma warning disable CA1031 // A bug in a check must not stop the platform from listing the file's problems.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            diagnostics.AddAt(1, 1, $"internal error while checking this file ({ex.GetType().Name}: {ex.Message}); please report it");
        }
        var list = diagnostics.Sorted();
        return new SurveyLoadResult(list.Count == 0 ? survey : null, list);
    }
}
