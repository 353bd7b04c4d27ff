using Survey.Definitions.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Loading;

/// <summary>Collects every diagnostic of one file; reading goes on after an error so all problems are reported at once.</summary>
internal sealed class DiagnosticBag(string file)
{
    private readonly List<Diagnostic> _items = [];

    public string File => file;

    public int Count => _items.Count;

    public void Add(Mark mark, string message) =>
        _items.Add(new Diagnostic(new SourceLocation(file, ToInt(mark.Line), ToInt(mark.Column)), message));

    public void Add(YamlNode node, string message) => Add(node.Start, message);

    public void AddAt(int line, int column, string message) =>
        _items.Add(new Diagnostic(new SourceLocation(file, line, column), message));

    /// <summary>The diagnostics in file order (checks that run after reading, such as conditions, are merged in place).</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column)];

    private static int ToInt(long value) => value is > 0 and < int.MaxValue ? (int)value : 1;
}
