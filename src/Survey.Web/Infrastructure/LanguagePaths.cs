namespace Survey.Web.Infrastructure;

public static class LanguagePaths
{
    /// <summary>The same path in another language: <c>/nl/x/y</c> → <c>/en/x/y</c>; a path without language gets one.</summary>
    public static string Swap(string path, string culture, InterfaceTexts texts)
    {
        var parts = path.TrimStart('/').Split('/', 2);
        if (texts.Supports(parts[0]))
        {
            return "/" + culture + (parts.Length > 1 ? "/" + parts[1] : string.Empty);
        }
        return "/" + culture;
    }
}
