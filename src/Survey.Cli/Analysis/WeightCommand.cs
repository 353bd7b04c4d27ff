namespace Survey.Cli.Analysis;

// Placeholder so the CLI builds while this command is written; replaced by the real command.
internal static class WeightCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = args;
        _ = stdout;
        stderr.WriteLine("survey: this command is not available yet");
        return 2;
    }
}
