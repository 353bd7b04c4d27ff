namespace Survey.Testing;

/// <summary>Folders of the repository, found from the test's working directory (walk up to Survey.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Surveys => Path.Combine(Root, "surveys");

    public static string Locales => Path.Combine(Root, "locales");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Survey.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Survey.sln not found above " + AppContext.BaseDirectory);
    }
}
