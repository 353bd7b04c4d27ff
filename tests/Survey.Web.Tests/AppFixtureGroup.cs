namespace Survey.Web.Tests;

/// <summary>One app and database for the assembly's slice tests; tests in a collection run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AppFixtureGroup : ICollectionFixture<SurveyAppFactory>
{
    public const string Name = "app";
}
