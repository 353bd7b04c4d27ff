namespace Survey.Web.Mail;

/// <summary>Settings of outgoing mail, bound from the <c>Mail</c> section.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Writes each message as an <c>.eml</c> file to <see cref="PickupPath"/> (nothing leaves the machine).</summary>
    public const string PickupMode = "pickup";

    /// <summary>Sends through the SMTP server of <see cref="Smtp"/>.</summary>
    public const string SmtpMode = "smtp";

    /// <summary><see cref="PickupMode"/> (default) or <see cref="SmtpMode"/>.</summary>
    public string Mode { get; set; } = PickupMode;

    /// <summary>The folder of the pickup mode, relative to the content root like the database.</summary>
    public string PickupPath { get; set; } = "../../data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The sender, as a mailbox (<c>Gemeente Leiden &lt;panel@leiden.nl&gt;</c>).</summary>
    public string From { get; set; } = "Gemeente Leiden <panel@leiden.nl>";

    /// <summary>Messages per second at most; 0 is unlimited.</summary>
    public double RatePerSecond { get; set; }

    /// <summary>How often the outbox is looked at for messages that are due (besides the every-minute job).</summary>
    public double SweepSeconds { get; set; } = 5;

    /// <summary>Cron (UTC) of the recurring outbox job: the safety net behind the sweep.</summary>
    public string Cron { get; set; } = "* * * * *";

    /// <summary>The wait after the first temporary failure; it doubles with each further one, up to an hour.</summary>
    public double RetrySeconds { get; set; } = 60;

    /// <summary>After this many temporary failures a message is given up (Failed).</summary>
    public int MaxAttempts { get; set; } = 20;
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>STARTTLS (required) when true; a plain connection when false.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Optional: authenticates when set.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Seconds to wait for the server on connect and each command.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
