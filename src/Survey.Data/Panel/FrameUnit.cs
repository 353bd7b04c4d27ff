namespace Survey.Data;

/// <summary>An address of an imported sample frame (register extract) for paper invitations: no names.</summary>
public sealed class FrameUnit
{
    public long Id { get; set; }

    /// <summary>The import this address came from (the frame's id, printed by <c>sample import</c>).</summary>
    public int FrameId { get; set; }

    /// <summary>The address as printed on the letter (street, number, postcode and town; lines separated by " | ").</summary>
    public required string AddressLine { get; set; }

    public required string District { get; set; }

    public required string AgeBand { get; set; }
}
