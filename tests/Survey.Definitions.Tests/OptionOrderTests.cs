using Survey.Definitions.Answers;

namespace Survey.Definitions.Tests;

public sealed class OptionOrderTests
{
    private static Model.QuestionDefinition Question(bool randomize) => TestSurveys.Question($$"""
        id: q
        type: multiple
        randomize: {{(randomize ? "true" : "false")}}
        text: { nl: V, en: Q }
        options:
          - { code: a, text: { nl: A, en: A } }
          - { code: dk, dont_know: true, text: { nl: Weet niet, en: Don't know } }
          - { code: b, text: { nl: B, en: B } }
          - { code: c, text: { nl: C, en: C } }
          - { code: d, text: { nl: D, en: D } }
          - { code: e, text: { nl: E, en: E } }
          - { code: other, other: true, text: { nl: Anders, en: Other } }
          - { code: f, text: { nl: F, en: F } }
        """);

    [Fact]
    public void For_NotRandomized_KeepsWrittenOrder()
    {
        Assert.Equal(["a", "dk", "b", "c", "d", "e", "other", "f"], OptionOrder.For(Question(false), "seed").Select(o => o.Code));
    }

    [Fact]
    public void For_SameSeed_GivesSameOrder()
    {
        var question = Question(true);

        Assert.Equal(OptionOrder.For(question, "token-1").Select(o => o.Code), OptionOrder.For(question, "token-1").Select(o => o.Code));
    }

    [Fact]
    public void For_Randomized_KeepsDontKnowAndOtherLastInWrittenOrder()
    {
        var question = Question(true);

        foreach (var seed in Enumerable.Range(0, 50).Select(i => "seed" + i))
        {
            var codes = OptionOrder.For(question, seed).Select(o => o.Code).ToList();
            Assert.Equal(["dk", "other"], codes[^2..]);
            Assert.Equal(["a", "b", "c", "d", "e", "f"], codes[..^2].Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void For_DifferentSeeds_GiveDifferentOrders()
    {
        var question = Question(true);

        var orders = Enumerable.Range(0, 20).Select(i => string.Join(",", OptionOrder.For(question, "r" + i).Select(o => o.Code))).Distinct().Count();

        Assert.True(orders > 10, $"only {orders} distinct orders");
    }

    [Fact]
    public void For_KnownSeed_GivesPinnedOrderInEveryProcess()
    {
        // Pinned: the order must not depend on string.GetHashCode (randomised per process) or on the runtime's Random.
        Assert.Equal("f,d,e,c,a,b", string.Join(",", OptionOrder.For(Question(true), "ABCDE-12345").Take(6).Select(o => o.Code)));
    }
}
