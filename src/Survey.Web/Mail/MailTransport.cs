using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Survey.Web.Mail;

/// <summary>How messages leave: kept open across a batch (one SMTP connection for a whole wave).</summary>
public interface IMailTransport : IAsyncDisposable
{
    /// <summary>
    /// Sends <paramref name="message"/>. <paramref name="committing"/> is called once, at the last moment before the
    /// message can have reached its destination (the first byte of the SMTP DATA, the rename of a pickup file): until
    /// then a crash certainly sent nothing, so the outbox row is marked Sending only there.
    /// </summary>
    Task SendAsync(MimeMessage message, OutboxRef row, Action committing, CancellationToken cancellationToken);

    /// <summary>For a row a crash left in Sending: true when it certainly left, false when it certainly did not, null when nobody can tell.</summary>
    bool? WasSent(OutboxRef row);
}

/// <summary>The outbox row as the transports see it.</summary>
public readonly record struct OutboxRef(long Id, string Template);

/// <summary>The server refused for now (4xx, or could not be reached): the message waits and is tried again.</summary>
public sealed class TemporaryMailFailureException(string message, bool connectionLost, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The connection is gone (server down, refused): the rest of the batch waits too.</summary>
    public bool ConnectionLost { get; } = connectionLost;
}

/// <summary>The server refused for good (5xx): recorded as a bounce.</summary>
public sealed class PermanentMailFailureException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary><c>Mail:Mode = pickup</c>: one <c>.eml</c> file per message, written under a temporary name and renamed.</summary>
public sealed class PickupMailTransport(string folder) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, OutboxRef row, Action committing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(committing);
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{row.Id:D9}.tmp");
        await using (var stream = File.Create(temporary))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }
        committing();
        File.Move(temporary, FileOf(row), overwrite: true);
    }

    public bool? WasSent(OutboxRef row) => File.Exists(FileOf(row));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string FileOf(OutboxRef row) => Path.Combine(folder, $"{row.Id:D9}-{row.Template}.eml");
}

/// <summary><c>Mail:Mode = smtp</c>: MailKit's client, connected on first use and reused until disposed.</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    private readonly SmtpClient _client = new() { Timeout = Math.Max(1, options.TimeoutSeconds) * 1000 };

    public async Task SendAsync(MimeMessage message, OutboxRef row, Action committing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            if (!_client.IsConnected)
            {
                await _client.ConnectAsync(options.Host, options.Port, options.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
                if (!string.IsNullOrEmpty(options.User))
                {
                    await _client.AuthenticateAsync(options.User, options.Password ?? string.Empty, cancellationToken);
                }
            }
            await _client.SendAsync(message, cancellationToken, new FirstByte(committing));
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            throw new PermanentMailFailureException($"{(int)e.StatusCode} {e.Message}".Trim(), e);
        }
        catch (SmtpCommandException e)
        {
            throw new TemporaryMailFailureException($"{(int)e.StatusCode} {e.Message}".Trim(), connectionLost: !_client.IsConnected, e);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or TimeoutException
            or ServiceNotConnectedException or SslHandshakeException or AuthenticationException)
        {
            await DisconnectQuietlyAsync();
            throw new TemporaryMailFailureException(e.Message, connectionLost: true, e);
        }
    }

    /// <summary>SMTP cannot tell afterwards whether a message it was handing over arrived.</summary>
    public bool? WasSent(OutboxRef row) => null;

    public async ValueTask DisposeAsync()
    {
        await DisconnectQuietlyAsync();
        _client.Dispose();
    }

    private async Task DisconnectQuietlyAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or ServiceNotConnectedException)
            {
                // Already gone: nothing to close.
            }
        }
    }

    /// <summary>Calls back on the first byte of the message content (after the server accepted sender and recipients).</summary>
    private sealed class FirstByte(Action committing) : ITransferProgress
    {
        private bool _called;

        public void Report(long bytesTransferred, long totalSize) => Report(bytesTransferred);

        public void Report(long bytesTransferred)
        {
            if (!_called)
            {
                _called = true;
                committing();
            }
        }
    }
}
