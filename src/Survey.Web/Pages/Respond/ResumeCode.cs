using System.Security.Cryptography;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// The code a respondent notes to continue later, also the key of the unfinished answers. Ten characters of Crockford's
/// base-32 (no I, L, O, U: nothing to misread), 50 random bits; shown as <c>ABCDE-FGHJK</c>.
/// </summary>
public static class ResumeCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 10;

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
        if (typed is null)
        {
            return null;
        }
        var chars = typed.ToUpperInvariant()
            .Where(c => c is not (' ' or '-'))
            .Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })
            .ToArray();
        return chars.Length == Length && chars.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? new string(chars) : null;
    }

    public static string Display(string code) => code.Length == Length ? code[..5] + "-" + code[5..] : code;
}
