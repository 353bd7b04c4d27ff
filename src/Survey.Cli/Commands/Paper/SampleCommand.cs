namespace Survey.Cli.Commands.Paper;

/// <summary><c>survey sample import|draw …</c> and <c>survey letters …</c>: paper invitations for a register sample.</summary>
internal static class SampleCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, string? currentFolder = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verb = args.Length > 0 ? args[0] : string.Empty;
        var context = new PaperContext { Command = "sample " + verb, Out = stdout, Error = stderr, Clock = clock, CurrentFolder = currentFolder ?? Directory.GetCurrentDirectory() };
        return verb switch
        {
            "import" => SampleImportCommand.RunAsync(args[1..], context),
            "draw" => SampleDrawCommand.RunAsync(args[1..], context),
            _ => Usage(stderr),
        };
    }

    public static Task<int> LettersAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, string? currentFolder = null) =>
        LettersCommand.RunAsync(args, new PaperContext { Command = "letters", Out = stdout, Error = stderr, Clock = clock, CurrentFolder = currentFolder ?? Directory.GetCurrentDirectory() });

    private static Task<int> Usage(TextWriter stderr)
    {
        stderr.WriteLine(SampleImportCommand.Usage);
        stderr.WriteLine(SampleDrawCommand.Usage);
        return Task.FromResult(2);
    }
}
