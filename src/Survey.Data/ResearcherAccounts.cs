using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Survey.Data;

/// <summary>Why <see cref="ResearcherAccounts.CreateAsync"/> refused to create an account.</summary>
public sealed class ResearcherAccountException(string message) : Exception(message)
{
    public ResearcherAccountException()
        : this("The researcher account could not be created.")
    {
    }

    public ResearcherAccountException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}

/// <summary>
/// Creates and checks researcher accounts. Passwords are hashed with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted); an old-format hash is upgraded on the next successful sign-in.
/// </summary>
public sealed class ResearcherAccounts(SurveyDbContext db, TimeProvider clock)
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>The longest user name accepted (the column's size).</summary>
    public const int MaxUserNameLength = 100;

    private static readonly PasswordHasher<ResearcherAccount> Hasher = new();

    /// <summary>
    /// A hash of a random password nobody knows, checked for an unknown user name so that a sign-in takes as long for a name
    /// that does not exist as for one that does (timing must not tell which names exist).
    /// </summary>
    private static readonly Lazy<(ResearcherAccount Account, string Hash)> Dummy = new(() =>
    {
        var account = new ResearcherAccount { UserName = string.Empty, PasswordHash = string.Empty };
        return (account, Hasher.HashPassword(account, NewSecurityStamp()));
    });

    /// <summary>A new random security stamp (128 bits, hex).</summary>
    public static string NewSecurityStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Creates an account; throws <see cref="ResearcherAccountException"/> for a taken name or a too short password.</summary>
    public async Task<ResearcherAccount> CreateAsync(string userName, string password, CancellationToken cancellationToken = default) =>
        await CreateAsync(userName, password, isAdmin: false, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates an account, an administrator when <paramref name="isAdmin"/>; throws <see cref="ResearcherAccountException"/> as above.</summary>
    public async Task<ResearcherAccount> CreateAsync(string userName, string password, bool isAdmin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        userName = userName.Trim();
        if (userName.Length == 0 || userName.Length > MaxUserNameLength)
        {
            throw new ResearcherAccountException($"The user name must be 1 to {MaxUserNameLength} characters.");
        }
        if (password.Length < MinPasswordLength)
        {
            throw new ResearcherAccountException($"The password must be at least {MinPasswordLength} characters.");
        }
        if (await db.Researchers.AnyAsync(r => r.UserName == userName, cancellationToken).ConfigureAwait(false))
        {
            throw new ResearcherAccountException($"A researcher named '{userName}' already exists.");
        }

        var account = new ResearcherAccount { UserName = userName, PasswordHash = string.Empty, CreatedAt = clock.GetUtcNow(), IsAdmin = isAdmin };
        account.PasswordHash = Hasher.HashPassword(account, password);
        db.Researchers.Add(account);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e)
        {
            // Lost a race with another creation of the same name: the unique index said no.
            db.Entry(account).State = EntityState.Detached;
            throw new ResearcherAccountException($"A researcher named '{userName}' already exists.", e);
        }
        return account;
    }

    /// <summary>The account when <paramref name="password"/> is right, otherwise null (unknown name or wrong password alike).</summary>
    public async Task<ResearcherAccount?> VerifyAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return null;
        }
        var name = userName.Trim();
        var account = await db.Researchers.SingleOrDefaultAsync(r => r.UserName == name, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            _ = Hasher.VerifyHashedPassword(Dummy.Value.Account, Dummy.Value.Hash, password);
            return null;
        }

        switch (Hasher.VerifyHashedPassword(account, account.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return account;
            case PasswordVerificationResult.SuccessRehashNeeded:
                account.PasswordHash = Hasher.HashPassword(account, password);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return account;
            default:
                return null;
        }
    }

    /// <summary>Grants or revokes the administrator role; false when there is no such account. Ends the account's sessions.</summary>
    public async Task<bool> SetAdminAsync(string userName, bool isAdmin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var name = userName.Trim();
        var stamp = NewSecurityStamp();
        var changed = await db.Researchers.Where(r => r.UserName == name)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsAdmin, isAdmin).SetProperty(r => r.SecurityStamp, stamp), cancellationToken)
            .ConfigureAwait(false);
        return changed > 0;
    }

    /// <summary>The account's current stamp and role, for checking a sign-in cookie; null when the account is gone.</summary>
    public async Task<(string SecurityStamp, bool IsAdmin)?> SessionAsync(int accountId, CancellationToken cancellationToken = default)
    {
        var found = await db.Researchers.AsNoTracking().Where(r => r.Id == accountId)
            .Select(r => new { r.SecurityStamp, r.IsAdmin })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return found is null ? null : (found.SecurityStamp, found.IsAdmin);
    }

    /// <summary>Gives the account a new security stamp: every sign-in cookie issued before is refused from now on.</summary>
    public async Task EndSessionsAsync(int accountId, CancellationToken cancellationToken = default)
    {
        var stamp = NewSecurityStamp();
        await db.Researchers.Where(r => r.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SecurityStamp, stamp), cancellationToken)
            .ConfigureAwait(false);
    }
}
