using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// The durable "this code was sent" record (<see cref="CompletedCode"/>): written in the transaction that stores the
/// response, looked up when a code has no draft (a retried submit), deleted by the clean-up job once the next day began.
/// </summary>
public static class CompletedCodes
{
    public static CompletedCode For(string token, DateOnly day) => new() { Hash = Hash(token, day), Day = day };

    /// <summary>Sent today or yesterday (a submit just before midnight, retried just after it).</summary>
    public static Task<bool> ContainsAsync(SurveyDbContext db, string token, DateOnly today, CancellationToken cancellationToken)
    {
        var hashes = new[] { Hash(token, today), Hash(token, today.AddDays(-1)) };
        return db.CompletedCodes.AnyAsync(c => hashes.Contains(c.Hash), cancellationToken);
    }

    /// <summary>Deletes the records of days before yesterday: each is kept at most until the clean-up after the next day.</summary>
    public static Task<int> DeleteExpiredAsync(SurveyDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var yesterday = today.AddDays(-1);
        return db.CompletedCodes.Where(c => c.Day < yesterday).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Hash(string token, DateOnly day) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token + "|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
}
