using System.Security.Cryptography;

namespace Survey.Data;

/// <summary>One answer of a <see cref="SurveyResponse"/>: a chosen option code, or a text, per question and matrix item.</summary>
public sealed class ResponseAnswer
{
    /// <summary>A random positive number, with <see cref="ResponseId"/> the key: it says nothing about when the answer was stored.</summary>
    public long Id { get; set; }

    /// <summary>A new <see cref="Id"/>: a cryptographically random positive 63-bit number.</summary>
    public static long NewId() => BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;

    public Guid ResponseId { get; set; }

    public required string QuestionId { get; set; }

    /// <summary>The matrix item code, for matrix questions.</summary>
    public string? Item { get; set; }

    /// <summary>The option code, for choice questions.</summary>
    public string? Code { get; set; }

    /// <summary>Free text, or a number or date as invariant text.</summary>
    public string? Text { get; set; }
}
