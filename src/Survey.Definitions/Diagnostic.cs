using Survey.Definitions.Model;

namespace Survey.Definitions;

/// <summary>One problem in a survey or locale file, at the exact place it was written.</summary>
public sealed record Diagnostic(SourceLocation Location, string Message)
{
    /// <summary><c>file:line:col: error: message</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString() => $"{Location}: error: {Message}";
}
