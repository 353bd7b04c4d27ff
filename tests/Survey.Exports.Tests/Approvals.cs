using System.Text;
using Survey.Testing;

namespace Survey.Exports.Tests;

/// <summary>
/// Approved-file checks (NodaTime's <c>*.approved.*</c> idea): the output must equal <c>Approved/name.approved.ext</c>
/// byte for byte. On a difference, or when the approved file is missing, the output is written next to it as
/// <c>name.received.ext</c> and the test fails; look at it and, if right, rename it to approved.
/// </summary>
internal static class Approvals
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "Survey.Exports.Tests", "Approved");

    public static void Verify(string name, string extension, string received) => Verify(name, extension, Encoding.UTF8.GetBytes(received));

    public static void Verify(string name, string extension, byte[] received)
    {
        var approved = Path.Combine(Folder, $"{name}.approved.{extension}");
        var receivedPath = Path.Combine(Folder, $"{name}.received.{extension}");
        if (File.Exists(approved) && File.ReadAllBytes(approved).AsSpan().SequenceEqual(received))
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllBytes(receivedPath, received);
        Assert.Fail(File.Exists(approved)
            ? $"{name}: output differs from {approved}; see {receivedPath}."
            : $"{name}: no approved file yet; check {receivedPath} and rename it to {Path.GetFileName(approved)}.");
    }
}
