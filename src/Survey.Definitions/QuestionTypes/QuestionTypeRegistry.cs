using System.Collections.Frozen;

namespace Survey.Definitions.QuestionTypes;

/// <summary>
/// The question types the platform knows, by YAML name. Built once by <see cref="QuestionTypeRegistryBuilder"/> and frozen
/// (Markdig's pipeline idea): the loader, the web app and the exports all ask the same registry.
/// </summary>
public sealed class QuestionTypeRegistry
{
    private readonly FrozenDictionary<string, IQuestionType> _types;

    internal QuestionTypeRegistry(IEnumerable<IQuestionType> types)
    {
        _types = types.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        Names = [.. _types.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every built-in type: single, multiple, dropdown, rating, matrix, number, text, textarea, date, year.</summary>
    public static QuestionTypeRegistry Default { get; } = new QuestionTypeRegistryBuilder().UseDefaultTypes().Build();

    /// <summary>The type names, sorted.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <exception cref="KeyNotFoundException">No type has that name (the loader rejects such surveys, so this is a bug).</exception>
    public IQuestionType Get(string name) =>
        _types.TryGetValue(name, out var type) ? type : throw new KeyNotFoundException($"Unknown question type '{name}'.");

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IQuestionType? type) =>
        _types.TryGetValue(name, out type);
}

/// <summary>Collects question types; each type's folder adds a <c>Use…</c> extension method on this builder.</summary>
public sealed class QuestionTypeRegistryBuilder
{
    private readonly List<IQuestionType> _types = [];

    /// <summary>Adds a type, replacing one with the same name.</summary>
    public QuestionTypeRegistryBuilder Add(IQuestionType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        _types.RemoveAll(t => t.Name == type.Name);
        _types.Add(type);
        return this;
    }

    public QuestionTypeRegistry Build() => new(_types);
}
