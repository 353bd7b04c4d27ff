namespace Survey.Data;

/// <summary>One imported sample frame (a register extract of addresses), from which letter waves are drawn.</summary>
public sealed class SampleFrame
{
    public int Id { get; set; }

    /// <summary>The imported file's name (not its path).</summary>
    public required string Source { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
