using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Definitions.Panel;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Panel;

/// <summary>
/// The language and profile fields as a form shows and posts them (sign-up and "my data"): every field from the panel
/// profile, each optional ("prefer not to say" is empty). A posted code that is not in the profile is an error.
/// </summary>
public sealed class ProfileForm
{
    public string Language { get; set; } = string.Empty;

    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public string? Value(string field) => Values.GetValueOrDefault(field);

    public static ProfileForm From(PanelMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var form = new ProfileForm { Language = member.Language };
        form.Values[PanelProfile.Nationality] = member.Nationality;
        form.Values[PanelProfile.District] = member.District;
        form.Values[PanelProfile.AgeBand] = member.AgeBand;
        return form;
    }

    /// <summary>Reads the posted fields; problems are added to <paramref name="errors"/> (html id → message).</summary>
    public static ProfileForm Read(IFormCollection posted, PanelProfile profile, IStringLocalizer localizer, List<KeyValuePair<string, string>> errors)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(errors);
        var form = new ProfileForm { Language = posted["language"].ToString() };
        if (!profile.IsLanguage(form.Language))
        {
            errors.Add(new(LanguageId(profile.Languages[0]), localizer["panel.error.language"]));
        }
        foreach (var field in profile.Fields)
        {
            var value = posted[field.Name].ToString();
            form.Values[field.Name] = value.Length == 0 ? null : value;
            if (value.Length > 0 && !field.IsCode(value))
            {
                errors.Add(new(FieldId(field), localizer["panel.error.unknown_code", field.Label[LocalizationExtensions.CurrentLanguage()]]));
            }
        }
        return form;
    }

    public void ApplyTo(PanelMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        member.Language = Language;
        member.Nationality = Value(PanelProfile.Nationality);
        member.District = Value(PanelProfile.District);
        member.AgeBand = Value(PanelProfile.AgeBand);
    }

    /// <summary>Short lists are radio buttons, long ones a select.</summary>
    public static bool AsRadios(PanelProfileField field) => field?.Options.Count <= 6;

    public static string LanguageId(string language) => "language-" + language;

    /// <summary>The html id an error links to: the select, or the first radio button.</summary>
    public static string FieldId(PanelProfileField field) =>
        AsRadios(field) ? OptionId(field.Name, field.Options[0].Code) : "field-" + field.Name;

    public static string OptionId(string field, string code) => $"field-{field}-{(code.Length == 0 ? "none" : code.Replace('+', 'p'))}";
}

/// <summary>What <c>_ProfileFields</c> renders.</summary>
public sealed record ProfileFieldsView(PanelProfile Profile, ProfileForm Form, IReadOnlyList<KeyValuePair<string, string>> Errors, LanguageTag Language)
{
    public string? Error(string id) => Errors.FirstOrDefault(e => e.Key == id).Value;
}
