using Survey.Cli.Commands;
using Survey.Definitions.Model;
using Survey.Definitions.Panel;
using Survey.Testing;

namespace Survey.Definitions.Tests;

/// <summary>The shipped panel profile (surveys/shared/panel-profile.yaml) and how a broken one is reported.</summary>
public sealed class PanelProfileTests
{
    private static readonly string ShippedPath = Path.Combine(RepoPaths.Surveys, PanelProfile.RelativePath);

    private static PanelProfile Shipped => PanelProfile.LoadFile(ShippedPath).Profile ?? throw new InvalidOperationException("the shipped profile does not load");

    private static IEnumerable<string> SurveyCodes(string survey, string question) =>
        SurveyLoader.LoadFile(Path.Combine(RepoPaths.Surveys, survey)).Survey!.FindQuestion(question)!.Settings!.Options
            .Where(o => !o.DontKnow).Select(o => o.Code);

    [Fact]
    public void Load_ShippedProfile_IsValidWithTheThreeFieldsAndTwoLanguages()
    {
        var result = PanelProfile.LoadFile(ShippedPath);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["nationality", "district", "age_band"], result.Profile!.Fields.Select(f => f.Name));
        Assert.Equal(["nl", "en"], result.Profile.Languages);
    }

    [Fact]
    public void Codes_ShippedProfile_AreTheSurveysOptionCodes()
    {
        Assert.Equal(SurveyCodes("international-panel.yaml", "nationality"), Shipped.Field("nationality").Options.Select(o => o.Code));
        Assert.Equal(SurveyCodes("stadsenquete.yaml", "district"), Shipped.Field("district").Options.Select(o => o.Code));
        Assert.Equal(SurveyCodes("international-panel.yaml", "age_band"), Shipped.Field("age_band").Options.Select(o => o.Code));
        Assert.Equal(SurveyCodes("stadsenquete.yaml", "age_band"), Shipped.Field("age_band").Options.Select(o => o.Code));
    }

    [Fact]
    public void LabelOf_CodeInDutchAndEnglish_ComesFromTheProfile()
    {
        var district = Shipped.Field("district");

        Assert.Equal("Binnenstad-Zuid (city centre south)", district.LabelOf("binnenstad-zuid", LanguageTag.English));
        Assert.Equal("Binnenstad-Zuid", district.LabelOf("binnenstad-zuid", LanguageTag.Dutch));
        Assert.True(Shipped.Field("age_band").IsCode("65+"));
        Assert.False(Shipped.Field("age_band").IsCode("na"));
    }

    [Fact]
    public void Load_BrokenProfile_ReportsEveryProblemWithLineAndColumn()
    {
        const string yaml = """
            languages: [nl, en]
            fields:
              nationality:
                label: { nl: Nationaliteit, en: Nationality }
                options:
                  - { code: de, label: { nl: Duits, en: German } }
                  - { code: de, label: { nl: Duits, en: German } }
                  - { code: "a b", label: { nl: X, en: X } }
              age_band:
                label: { nl: Leeftijd }
                options: []
              colour:
                label: { nl: Kleur, en: Colour }
            """;

        var result = PanelProfile.Load(yaml, "p.yaml");

        Assert.Null(result.Profile);
        Assert.Equal(
            [
                "p.yaml:3:3: error: the panel profile must define field 'district' (fields: nationality, district, age_band)",
                "p.yaml:7:17: error: code 'de' of field 'nationality' is listed twice (first at line 6)",
                "p.yaml:8:17: error: code 'a b' of field 'nationality' may only contain letters, digits, '_', '-' and '+'",
            ],
            result.Diagnostics.Take(3).Select(d => d.ToString()));
        Assert.Contains("p.yaml:10:5: error: the label of field 'age_band' has no 'en' text (declared languages: nl, en)", result.Diagnostics.Select(d => d.ToString()));
        Assert.Contains("p.yaml:11:14: error: 'options' of field 'age_band' is empty; give at least one { code: ..., label: { nl: ..., en: ... } }", result.Diagnostics.Select(d => d.ToString()));
        Assert.Contains(result.Diagnostics, d => d.ToString().StartsWith("p.yaml:12:3: error:", StringComparison.Ordinal) && d.Message.Contains("colour", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SurveysFolderWithBrokenProfile_ReportsItAndExitsOne()
    {
        using var temp = new TempDirectory();
        var surveys = Directory.CreateDirectory(temp.File("surveys")).FullName;
        Directory.CreateDirectory(Path.Combine(surveys, "shared"));
        var profile = Path.Combine(surveys, PanelProfile.RelativePath);
        File.WriteAllText(profile, "languages: [nl, en]\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = ValidateCommand.Run([surveys], stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Equal($"{profile}:1:1: error: the panel profile is missing required key 'fields'\n", stderr.ToString());
        Assert.Equal("validated 0 survey files, 1 panel profile and 0 locale files: 1 error\n", stdout.ToString());
    }

    [Fact]
    public void Validate_ShippedRepository_ChecksTheProfileToo()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = ValidateCommand.Run([RepoPaths.Surveys, RepoPaths.Locales], stdout, stderr);

        Assert.Equal((0, ""), (exit, stderr.ToString()));
        Assert.Contains("1 panel profile", stdout.ToString(), StringComparison.Ordinal);
    }
}
