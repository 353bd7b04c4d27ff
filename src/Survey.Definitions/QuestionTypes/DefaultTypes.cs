using Survey.Definitions.QuestionTypes.Choice;
using Survey.Definitions.QuestionTypes.Date;
using Survey.Definitions.QuestionTypes.Matrix;
using Survey.Definitions.QuestionTypes.Number;
using Survey.Definitions.QuestionTypes.Rating;
using Survey.Definitions.QuestionTypes.Text;

namespace Survey.Definitions.QuestionTypes;

public static class DefaultTypes
{
    /// <summary>The built-in question types. A new type is a new folder plus one line here.</summary>
    public static QuestionTypeRegistryBuilder UseDefaultTypes(this QuestionTypeRegistryBuilder builder) =>
        builder
            .UseSingle()
            .UseMultiple()
            .UseDropdown()
            .UseRating()
            .UseMatrix()
            .UseNumber()
            .UseText()
            .UseTextarea()
            .UseDate()
            .UseYear();
}
