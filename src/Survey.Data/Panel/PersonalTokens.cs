using System.Security.Cryptography;
using System.Text;

namespace Survey.Data;

/// <summary>
/// Personal link tokens and letter access codes, derived from a secret key with HMAC-SHA256 so that they never need to be
/// stored: the database holds only their SHA-256 (<see cref="Hash"/>), and a mail or letter is rendered from the key and
/// the row's id when it is sent or printed. The key is a file beside the database (<see cref="LoadOrCreate"/>); whoever
/// has both could recompute the links, which only lead to the invitations they already see.
/// </summary>
public sealed class PersonalTokens
{
    /// <summary>Crockford's base 32 (no I, L, O, U).</summary>
    private const string LinkAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>For codes typed from paper: no 0/O, 1/I/L or U, which are easily confused.</summary>
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>26 characters of base 32: 130 bits.</summary>
    public const int LinkTokenLength = 26;

    /// <summary>12 characters of 30: 58.9 bits, typed in three groups of four; guessing is rate-limited per client.</summary>
    public const int AccessCodeLength = 12;

    private readonly byte[] key;

    public PersonalTokens(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The key must have at least 32 bytes.", nameof(key));
        }
        this.key = key;
    }

    /// <summary>Reads the key file, or creates it with 32 random bytes (readable by the owner only) when it does not exist.</summary>
    public static PersonalTokens LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var fresh = RandomNumberGenerator.GetBytes(32);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using var stream = new FileStream(path, options);
                stream.Write(fresh);
                stream.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        return new PersonalTokens(File.ReadAllBytes(path));
    }

    /// <summary>The key file of the database at <paramref name="databasePath"/>: <c>personal-links.key</c> in the same folder.</summary>
    public static string KeyPathFor(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "personal-links.key");

    /// <summary>The link token for a purpose and id (for example <c>invitation</c>, <c>42</c>): 26 characters, 130 bits.</summary>
    public string LinkToken(string purpose, string id) => Derive(purpose, id, LinkAlphabet, LinkTokenLength);

    /// <summary>The access code for a purpose and id: 12 characters without look-alikes (see <see cref="FormatCode"/>).</summary>
    public string AccessCode(string purpose, string id) => Derive(purpose, id, CodeAlphabet, AccessCodeLength);

    /// <summary>A panel member's self-service token: confirmation, "my data" and unsubscribe links (PANEL.md).</summary>
    public string MemberToken(Guid memberId) => LinkToken("member", memberId.ToString("D"));

    /// <summary>A member's personal link for a wave's invitation.</summary>
    public string InvitationToken(int waveId, Guid memberId) => LinkToken("invitation", $"{waveId}:{memberId:D}");

    /// <summary>The access code on the letter to a sampled address of a letter wave.</summary>
    public string LetterCode(int waveId, long frameUnitId) => AccessCode("letter", $"{waveId}:{frameUnitId}");

    /// <summary>The code in three groups for print: <c>ABCD-EFGH-JKMN</c>.</summary>
    public static string FormatCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == AccessCodeLength ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
    }

    /// <summary>
    /// What a person typed or a link carried, made comparable: upper case, without spaces and dashes. Null when it
    /// cannot be a token or code (wrong length or characters), so a lookup is not even tried.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 64)
        {
            return null;
        }
        var builder = new StringBuilder(typed.Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '\t')
            {
                continue;
            }
            var upper = char.ToUpperInvariant(c);
            if (LinkAlphabet.IndexOf(upper, StringComparison.Ordinal) < 0)
            {
                return null;
            }
            builder.Append(upper);
        }
        return builder.Length is LinkTokenLength or AccessCodeLength ? builder.ToString() : null;
    }

    /// <summary>SHA-256 (hex, lower case) of a normalized token or code: what the database stores and looks up.</summary>
    public static string Hash(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    private string Derive(string purpose, string id, string alphabet, int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + ":" + id));
        // 32 bytes of MAC, consumed as a big number base `alphabet.Length`; 256 bits are ample for 130 bits of output.
        var number = new System.Numerics.BigInteger(mac, isUnsigned: true, isBigEndian: true);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            number = System.Numerics.BigInteger.DivRem(number, alphabet.Length, out var digit);
            chars[i] = alphabet[(int)digit];
        }
        return new string(chars);
    }
}
