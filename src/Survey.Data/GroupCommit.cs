using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Survey.Data;

/// <summary>
/// Group commit for SQLite in WAL mode: the commits that finish while one sync of the WAL is under way share the next one,
/// and nobody is told "saved" before a sync that began after their commit has finished.
/// </summary>
/// <remarks>
/// <para>How: connections run with <c>synchronous=NORMAL</c>, so a commit writes its frames to the WAL without syncing it
/// (<see cref="SqlitePragmaInterceptor"/>). After its commit, a writer calls <see cref="WaitDurableAsync"/>: it takes a
/// number, and waits for a sync that started after it took it. One writer at a time syncs (fsync of the WAL file) for
/// everybody numbered up to then; those who came during it are woken together when it ends, and one of them syncs for all
/// of them. The write gate is no longer held during the
/// sync, so the next writer commits while the previous ones are being synced.</para>
/// <para>Why it is as safe as <c>synchronous=FULL</c>: FULL differs from NORMAL in WAL mode only in syncing the WAL at each
/// commit; fsync on Linux writes every dirty page of the file, whichever descriptor wrote it, so one fsync after a set of
/// commits makes all of them durable, exactly as their own syncs would have. Checkpoints under NORMAL sync the WAL before
/// copying it and the database after. The WAL file is created once and then only truncated, never deleted while a
/// connection is open: this class keeps one open (and syncs the folder once), so the file it syncs is the one SQLite
/// writes. A commit is visible to other readers before its sync ends (a power cut in that gap loses it, and a results run
/// could have counted it); nothing is acknowledged to the writer before.</para>
/// <para>Linux only (fsync through libc); elsewhere <see cref="Create"/> returns null and connections keep FULL.</para>
/// </remarks>
public sealed partial class GroupCommit : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Action _sync;
    private long _taken;
    private long _synced; // every commit numbered up to this is durable (under _lock)
    private long _syncs;
    private bool _syncRunning; // under _lock
    private TaskCompletionSource? _next; // the writers waiting for the sync after the running one (under _lock)

    // Real syncs: the WAL file of the database, held open with one connection so that it is never deleted and recreated.
    private readonly string? _databasePath;
    private SqliteConnection? _keepOpen;
    private int _walDescriptor = -1;

    private GroupCommit(string databasePath)
    {
        _databasePath = databasePath;
        _sync = SyncWal;
    }

    /// <summary>For tests of the grouping: <paramref name="sync"/> stands for the fsync.</summary>
    internal GroupCommit(Action sync) => _sync = sync;

    /// <summary>Group commit for the SQLite file of <paramref name="connectionString"/>; null where it cannot work (not Linux, in memory).</summary>
    public static GroupCommit? Create(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!OperatingSystem.IsLinux() || builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
        {
            return null;
        }
        return new GroupCommit(Path.GetFullPath(builder.DataSource));
    }

    /// <summary>Commits announced so far (each <see cref="WaitDurableAsync"/> is one).</summary>
    public long Commits => Interlocked.Read(ref _taken);

    /// <summary>Syncs done: <see cref="Commits"/> ÷ this is the average group size.</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>Returns once everything this caller committed before calling is durable.</summary>
    public async ValueTask WaitDurableAsync(CancellationToken cancellationToken)
    {
        // Not cancellable: the commit is done; a cancelled request must not leave before its data is durable either way.
        var mine = Interlocked.Increment(ref _taken);
        while (true)
        {
            Task? next;
            lock (_lock)
            {
                if (_synced >= mine)
                {
                    return;
                }
                if (_syncRunning)
                {
                    // Covered by the sync after the running one: every writer waiting here is released at once by it.
                    next = (_next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                }
                else
                {
                    _syncRunning = true;
                    next = null;
                }
            }
            if (next is null)
            {
                SyncRound();
                return;
            }
            await next.ConfigureAwait(false);
        }
    }

    /// <summary>The blocking form of <see cref="WaitDurableAsync"/>, for synchronous SaveChanges.</summary>
    public void WaitDurable() => WaitDurableAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// One sync for everybody numbered until now. The writers who came while it ran wait for the next round: they are woken
    /// when it ends, and the first of them to look runs it (so no writer keeps syncing for others round after round).
    /// </summary>
    private void SyncRound()
    {
        long upTo;
        TaskCompletionSource? covered;
        lock (_lock)
        {
            // Every number up to here was taken after its commit had written its frames: this sync covers all of them,
            // and those waiting now took theirs before they began to wait.
            upTo = Interlocked.Read(ref _taken);
            covered = _next;
            _next = null;
        }
        TaskCompletionSource? following;
        try
        {
            _sync();
        }
        catch (Exception failure)
        {
            lock (_lock)
            {
                _syncRunning = false;
                following = _next;
                _next = null;
            }
            covered?.SetException(failure);
            following?.SetResult(); // they try again, one of them syncing
            throw;
        }
        Interlocked.Increment(ref _syncs);
        lock (_lock)
        {
            _synced = upTo;
            _syncRunning = false;
            following = _next;
            _next = null;
        }
        covered?.SetResult();
        following?.SetResult();
    }

    private void SyncWal()
    {
        if (_walDescriptor < 0)
        {
            OpenWal();
        }
        if (_walDescriptor >= 0 && Native.Fsync(_walDescriptor) != 0)
        {
            throw new IOException($"fsync of {_databasePath}-wal failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    private void OpenWal()
    {
        var wal = _databasePath + "-wal";
        if (!File.Exists(wal))
        {
            // No WAL: nothing was committed through one since the last connection closed (the data is in the database file).
            return;
        }
        // Keep the database open so that SQLite never deletes this WAL file (it does when the last connection closes).
        _keepOpen ??= new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _databasePath, Pooling = false }.ToString());
        if (_keepOpen.State != System.Data.ConnectionState.Open)
        {
            _keepOpen.Open();
            // SQLite attaches a connection to the WAL only when it first reads: until then it would not count as open.
            using var read = _keepOpen.CreateCommand();
            read.CommandText = "SELECT count(*) FROM sqlite_master;";
            read.ExecuteScalar();
        }
        var descriptor = Native.Open(wal, Native.ReadOnly | Native.CloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open {wal} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }
        // The WAL's directory entry: synced once, as SQLite does at the WAL's first sync.
        var folder = Native.Open(Path.GetDirectoryName(wal)!, Native.ReadOnly | Native.CloseOnExec);
        if (folder >= 0)
        {
            Native.Fsync(folder);
            Native.Close(folder);
        }
        _walDescriptor = descriptor;
    }

    public void Dispose()
    {
        if (_walDescriptor >= 0)
        {
            Native.Close(_walDescriptor);
            _walDescriptor = -1;
        }
        _keepOpen?.Dispose();
    }

    private static partial class Native
    {
        public const int ReadOnly = 0;
        public const int CloseOnExec = 0x80000; // O_CLOEXEC, the same on x86-64 and arm64

        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static partial int Fsync(int descriptor);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        public static partial int Close(int descriptor);
    }
}
