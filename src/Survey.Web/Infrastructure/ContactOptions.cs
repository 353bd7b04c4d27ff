namespace Survey.Web.Infrastructure;

/// <summary>How residents reach the municipality about accessibility (the accessibility statement), bound from <c>Contact</c>.</summary>
public sealed class ContactOptions
{
    public const string Section = "Contact";

    public string Email { get; set; } = string.Empty;

    /// <summary>As it is dialled, for example <c>14 071</c>.</summary>
    public string Phone { get; set; } = string.Empty;
}
