using Survey.Definitions.Nationality;
using Survey.Testing;

namespace Survey.Definitions.Tests;

/// <summary>The shipped mapping's decisions (surveys/shared/nationality-groups.yaml) and <see cref="NationalityGroups.Map"/>.</summary>
public sealed class NationalityGroupsTests
{
    private static readonly NationalityGroups Shipped =
        NationalityGroups.LoadFile(Path.Combine(RepoPaths.Surveys, "shared", "nationality-groups.yaml")).Groups
        ?? throw new InvalidOperationException("the shipped nationality mapping does not load");

    // EU-27 since 31 Jan 2020 (https://european-union.europa.eu/principles-countries-history/eu-countries_en).
    private static readonly string[] Eu27 =
        ["at", "be", "bg", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hr", "hu", "ie", "it", "lt", "lu", "lv", "mt", "nl", "pl", "pt", "ro", "se", "si", "sk"];

    [Fact]
    public void Map_EveryEuMemberButNl_IsEuInCoarse()
    {
        Assert.All(Eu27.Where(c => c != "nl"), c => Assert.Equal("eu", Shipped.Map("coarse", c)));
        Assert.Equal("nl", Shipped.Map("coarse", "nl"));
    }

    [Theory]
    [InlineData("is", "eu")]
    [InlineData("li", "eu")]
    [InlineData("no", "eu")]
    [InlineData("ch", "eu")]
    [InlineData("gb", "non_eu")]
    [InlineData("us", "non_eu")]
    [InlineData("ua", "non_eu")]
    public void Map_EeaSwissAndBritish_FollowTheDocumentedDecision(string code, string group)
    {
        Assert.Equal(group, Shipped.Map("coarse", code));
    }

    [Theory]
    [InlineData("it", "it")]
    [InlineData("de", "de")]
    [InlineData("pl", "pl")]
    [InlineData("fr", "other_eu")]
    [InlineData("no", "other_eu")]
    [InlineData("ua", "ua")]
    [InlineData("in", "in")]
    [InlineData("cn", "cn")]
    [InlineData("gb", "gb")]
    [InlineData("sy", "other_non_eu")]
    public void Map_FineGrouping_GivesFinerGroups(string code, string group)
    {
        Assert.Equal(group, Shipped.Map("fine", code));
    }

    [Theory]
    [InlineData("other")]
    [InlineData("unknown")]
    [InlineData("DE")]
    [InlineData("")]
    [InlineData(null)]
    // 'na' (the surveys' "prefer not to say") is also Namibia, and "dk" Denmark: callers drop a question's don't-know codes before mapping.
    public void Map_OtherDontKnowOrNoCode_HasNoGroup(string? code)
    {
        Assert.Null(Shipped.Map("coarse", code));
        Assert.Null(Shipped.Map("fine", code));
    }

    [Fact]
    public void Map_UnknownGrouping_Throws()
    {
        Assert.Throws<ArgumentException>(() => Shipped.Map("finest", "de"));
    }

    [Fact]
    public void Map_GroupingWithOtherGroup_MapsOtherThere()
    {
        var yaml = """
            groupings:
              g:
                label: { nl: G, en: G }
                other: rest_of_world
                groups:
                  nl: { label: { nl: NL, en: NL }, countries: [nl] }
                  rest_of_world: { label: { nl: R, en: R }, countries: rest }
            """;

        var groups = NationalityGroups.Load(yaml, "g.yaml").Groups!;

        Assert.Equal("rest_of_world", groups.Map("g", "other"));
        Assert.Equal("rest_of_world", groups.Map("g", "br"));
    }
}
