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
}
