namespace Survey.Web.Pages.Respond;

/// <summary>Which partial under <c>Pages/Shared/Questions/</c> renders a question type.</summary>
public static class QuestionPartials
{
    public static string For(string type) => type switch
    {
        "single" or "multiple" => "Choice",
        "dropdown" => "Dropdown",
        "rating" => "Rating",
        "matrix" => "Matrix",
        "number" => "Number",
        "text" or "textarea" => "Text",
        "date" or "year" => "Date",
        _ => throw new InvalidOperationException($"No partial for question type '{type}'."),
    };
}
