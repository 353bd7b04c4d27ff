using System.Globalization;
using Survey.Definitions;
using Survey.Definitions.Model;

namespace Survey.Exports.Tests;

/// <summary>
/// Microdata built to test SPSS and Stata files: codes that are words and numbers, don't-know codes, a rating, a matrix
/// with an item code SPSS cannot use, multiple choice, a number with an extra code, a year, a date, a month (precision: month), an "other, namely"
/// text in Cyrillic and Arabic, a text over 255 bytes, a long question id, a question nobody answered, an unweighted row.
/// </summary>
internal static class StatFixture
{
    public const string LongId = "how_satisfied_are_you_with_the_maintenance_of_green_spaces_in_your_street_and_district";

    public static readonly string LongLabelNl = "Hoe tevreden bent u over het onderhoud van het groen, de bomen, de perken, de speelplaatsen en de bankjes in uw straat en in de rest van uw wijk, gemeten over de afgelopen twaalf maanden, zowel in de zomer als in de winter (ééé)?";

    public static readonly string LongText = string.Concat(Enumerable.Repeat("Łódź café über Ёлка — ", 20)) + "einde";

    public static readonly string Yaml = $$"""
        id: statfile
        version: 1
        languages: [nl, en]
        title: { nl: Stadspeiling é, en: City poll é }
        introduction: { nl: Welkom, en: Welcome }
        closing: { nl: Dank, en: Thanks }
        pages:
          - id: p1
            questions:
              - id: district
                type: single
                text: { nl: In welk deel woont u?, en: Which part do you live in? }
                options:
                  - { code: noord, text: { nl: Noord, en: North } }
                  - { code: zuid, text: { nl: Zuid, en: South } }
                  - { code: other, other: true, text: { nl: "Anders, namelijk", en: "Other, namely" } }
                  - { code: dk, dont_know: true, text: { nl: Weet ik niet, en: Don't know } }
                  - { code: na, dont_know: true, text: { nl: Geen antwoord, en: No answer } }
              - id: {{LongId}}
                type: rating
                min: 1
                max: 5
                min_label: { nl: Heel slecht, en: Very bad }
                max_label: { nl: Uitstekend, en: Excellent }
                options:
                  - { code: dk, dont_know: true, text: { nl: Weet ik niet, en: Don't know } }
                text: { nl: "{{LongLabelNl}}", en: How satisfied are you with the green spaces? }
              - id: safety
                type: matrix
                text: { nl: Voelt u zich veilig?, en: Do you feel safe? }
                items:
                  - { code: day-time, text: { nl: Overdag, en: During the day } }
                options:
                  - { code: "1", text: { nl: Ja, en: "Yes" } }
                  - { code: "2", text: { nl: Nee, en: "No" } }
              - id: channels
                type: multiple
                text: { nl: Hoe neemt u contact op?, en: How do you get in touch? }
                options:
                  - { code: web, text: { nl: Website, en: Website } }
                  - { code: phone, text: { nl: Telefoon, en: Phone } }
              - id: age
                type: number
                text: { nl: Hoe oud bent u?, en: How old are you? }
                options:
                  - { code: na, dont_know: true, text: { nl: Zeg ik liever niet, en: I prefer not to say } }
              - id: moved_in
                type: year
                text: { nl: Sinds wanneer woont u hier?, en: Since when do you live here? }
              - id: visit
                type: date
                text: { nl: Wanneer was uw laatste bezoek?, en: When was your last visit? }
              - id: nobody
                type: single
                text: { nl: Vraag die niemand beantwoordde, en: Question nobody answered }
                options:
                  - { code: a, text: { nl: A, en: A } }
              - id: remarks
                type: textarea
                text: { nl: Opmerkingen, en: Remarks }
              - id: arrived
                type: date
                precision: month
                text: { nl: Wanneer kwam u hier wonen?, en: When did you come to live here? }
        """;

    public static SurveyDefinition Survey()
    {
        var result = SurveyLoader.Load(Yaml, "statfile.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Survey!;
    }

    /// <summary>Five rows; each a dictionary of CSV values.</summary>
    public static Microdata Microdata()
    {
        static Guid Id(int i) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{i:D12}"));
        Dictionary<string, string?> Row(params (string Key, string? Value)[] values) =>
            values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return new Microdata([
            new MicrodataRow(Id(1), Row(("district", "noord"), (LongId, "5"), ("safety.day-time", "1"), ("channels.web", "1"), ("channels.phone", "0"),
                ("age", "34"), ("moved_in", "1999"), ("visit", "2025-03-01"), ("remarks", "Meer groen, 'graag' \"nu\""), ("arrived", "2024-03")), 12.5),
            new MicrodataRow(Id(2), Row(("district", "other"), ("district_other", "Ёлка, مدينة"), (LongId, "dk"), ("safety.day-time", "2"),
                ("channels.web", "0"), ("channels.phone", "1"), ("age", "na"), ("remarks", LongText)), 0.333333),
            new MicrodataRow(Id(3), Row(("district", "dk"), (LongId, "1"), ("age", "101.5"), ("visit", "1960-01-01"), ("arrived", "1959-12")), 7),
            new MicrodataRow(Id(4), Row(("district", "na")), null),
            new MicrodataRow(Id(5), Row(("district", "zuid"), ("remarks", "Łódź über café")), 2),
        ]);
    }

    public static StatFileInfo Info() => new(
        new Label("Stadspeiling é", "City poll é"),
        [new Label("Cellen met minder dan 10 responses zijn onderdrukt.", "Cells with fewer than 10 responses are suppressed.")],
        new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.FromHours(1)));
}
