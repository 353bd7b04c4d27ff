using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Survey.Testing;

namespace Survey.Data.Tests;

public sealed class ResearcherAccountsTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task CreateAsync_NewName_StoresHashNotPassword()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);

        var account = await new ResearcherAccounts(context, Clock).CreateAsync("anna", "correct horse battery");

        var stored = await context.Researchers.AsNoTracking().SingleAsync();
        Assert.Equal("anna", stored.UserName);
        Assert.DoesNotContain("correct horse", stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(Clock.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(account.Id, stored.Id);
    }

    [Fact]
    public async Task CreateAsync_DuplicateName_Throws()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);
        var accounts = new ResearcherAccounts(context, Clock);
        await accounts.CreateAsync("anna", "correct horse battery");

        await Assert.ThrowsAsync<ResearcherAccountException>(() => accounts.CreateAsync("anna", "another long password"));
    }

    [Fact]
    public async Task CreateAsync_ShortPassword_Throws()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);

        await Assert.ThrowsAsync<ResearcherAccountException>(() => new ResearcherAccounts(context, Clock).CreateAsync("anna", "elevenchars"));
        Assert.Equal(0, await context.Researchers.CountAsync());
    }

    [Fact]
    public async Task VerifyAsync_RightAndWrongPassword_ReturnsAccountOrNull()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);
        var accounts = new ResearcherAccounts(context, Clock);
        await accounts.CreateAsync("anna", "correct horse battery");

        Assert.NotNull(await accounts.VerifyAsync("anna", "correct horse battery"));
        Assert.Null(await accounts.VerifyAsync("anna", "wrong horse battery"));
        Assert.Null(await accounts.VerifyAsync("bert", "correct horse battery"));
    }

    [Fact]
    public async Task VerifyAsync_OldFormatHash_IsRehashed()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);
        var account = new ResearcherAccount { UserName = "anna", PasswordHash = string.Empty, CreatedAt = Clock.GetUtcNow() };
        var v2 = new PasswordHasher<ResearcherAccount>(Microsoft.Extensions.Options.Options.Create(
            new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        account.PasswordHash = v2.HashPassword(account, "correct horse battery");
        context.Researchers.Add(account);
        await context.SaveChangesAsync();
        var oldHash = account.PasswordHash;

        Assert.NotNull(await new ResearcherAccounts(context, Clock).VerifyAsync("anna", "correct horse battery"));

        Assert.NotEqual(oldHash, (await context.Researchers.AsNoTracking().SingleAsync()).PasswordHash);
    }

    [Fact]
    public async Task VerifyAsync_UnknownName_TakesAsLongAsKnownNameWithWrongPassword()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);
        var accounts = new ResearcherAccounts(context, Clock);
        await accounts.CreateAsync("anna", "correct horse battery");
        await accounts.VerifyAsync("nobody", "warm-up"); // the dummy hash is made once, on first use

        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            known.Add(await TimeAsync(() => accounts.VerifyAsync("anna", "wrong horse battery")));
            unknown.Add(await TimeAsync(() => accounts.VerifyAsync("bert" + i, "wrong horse battery")));
        }

        // Same order of magnitude: the unknown name's median is not a small fraction of the known one's (without the
        // dummy hash it is a database look-up against a PBKDF2 hash, hundreds of times faster). No milliseconds asserted.
        var ratio = Median(unknown) / Median(known);
        Assert.InRange(ratio, 0.3, 3.0);
    }

    [Fact]
    public async Task CreateAsync_Admin_StoresRoleAndRandomStamp()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);
        var accounts = new ResearcherAccounts(context, Clock);

        var admin = await accounts.CreateAsync("anna", "correct horse battery", isAdmin: true);
        var plain = await accounts.CreateAsync("bert", "correct horse battery");

        Assert.Equal((true, false), (admin.IsAdmin, plain.IsAdmin));
        Assert.Matches("^[0-9a-f]{32}$", admin.SecurityStamp);
        Assert.NotEqual(admin.SecurityStamp, plain.SecurityStamp);
    }

    [Fact]
    public async Task SetAdminAsync_GrantThenRevoke_ChangesRoleAndStampEachTime()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);
        var accounts = new ResearcherAccounts(context, Clock);
        var account = await accounts.CreateAsync("anna", "correct horse battery");

        Assert.True(await accounts.SetAdminAsync("anna", true));
        var granted = (await accounts.SessionAsync(account.Id))!.Value;
        Assert.True(await accounts.SetAdminAsync("anna", false));
        var revoked = (await accounts.SessionAsync(account.Id))!.Value;

        Assert.True(granted.IsAdmin);
        Assert.False(revoked.IsAdmin);
        Assert.Equal(3, new[] { account.SecurityStamp, granted.SecurityStamp, revoked.SecurityStamp }.Distinct().Count());
        Assert.False(await accounts.SetAdminAsync("nobody", true));
    }

    [Fact]
    public async Task EndSessionsAsync_Account_GetsNewStamp()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);
        var accounts = new ResearcherAccounts(context, Clock);
        var account = await accounts.CreateAsync("anna", "correct horse battery");

        await accounts.EndSessionsAsync(account.Id);

        Assert.NotEqual(account.SecurityStamp, (await accounts.SessionAsync(account.Id))!.Value.SecurityStamp);
        Assert.Null(await accounts.SessionAsync(account.Id + 1));
    }

    private static async Task<double> TimeAsync(Func<Task<ResearcherAccount?>> verify)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(await verify());
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
