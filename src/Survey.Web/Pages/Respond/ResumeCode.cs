using System.Security.Cryptography;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// The code a respondent notes to continue later, also the key of the unfinished answers. Fifteen characters of
/// Crockford's base-32 (no I, L, O, U: nothing to misread), 75 random bits (ASVS 3.2.2 asks for 64), shown in groups of
/// five as <c>ABCDE-FGHJK-MNPQR</c>. Codes of ten characters (50 bits) handed out before stay valid for their drafts,
/// which expire like any other.
/// </summary>
public static class ResumeCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 15;
    public const int LegacyLength = 10;
    public const int GroupLength = 5;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(chars);
    }

    /// <summary>Accepts what people type: lower case, spaces, dashes, and O/I/L for 0/1/1. Null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 4 * Length)
        {
            return null;
        }
        var chars = typed.ToUpperInvariant()
            .Where(c => c is not (' ' or '-'))
            .Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })
            .ToArray();
        return chars.Length is Length or LegacyLength && chars.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? new string(chars) : null;
    }

    public static string Display(string code) =>
        code.Length is Length or LegacyLength ? string.Join('-', code.Chunk(GroupLength).Select(g => new string(g))) : code;
}
