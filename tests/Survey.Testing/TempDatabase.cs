namespace Survey.Testing;

/// <summary>
/// A SQLite file path in a fresh temp folder (deleted on dispose). Connections are unpooled, so nothing keeps
/// the file open after a test's contexts are disposed.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private readonly TempDirectory _directory = new();

    /// <param name="relativePath">File name, or a path with folders that do not exist yet (e.g. <c>data/survey.db</c>).</param>
    public TempDatabase(string relativePath = "survey.db") => Path = _directory.File(relativePath);

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path};Pooling=False";

    /// <summary>Whether <paramref name="text"/> (UTF-8) occurs anywhere in the database file or its WAL.</summary>
    public bool FileContains(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return ReadIfExists(Path).AsSpan().IndexOf(needle) >= 0
            || ReadIfExists(Path + "-wal").AsSpan().IndexOf(needle) >= 0;
    }

    public void Dispose() => _directory.Dispose();

    // Shared read: the file may still be open by a connection of the test.
    private static byte[] ReadIfExists(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
