using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Survey.Web.Infrastructure;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary>The app with the access-code limit set to three per client through settings, behind a proxy so that each test
/// acts as its own client (<c>X-Forwarded-For</c>).</summary>
public sealed class ThreeAccessCodesAppFactory : SurveyAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:AccessCodes:PermitLimit", "3");
        builder.UseSetting("RateLimits:AccessCodes:WindowSeconds", "600");
        builder.UseSetting("Proxy:KnownProxies:0", ClientAddress.ToString());
    }
}

public sealed class LetterCodeRateLimitTests(ThreeAccessCodesAppFactory app) : IClassFixture<ThreeAccessCodesAppFactory>
{
    private RespondentClient Client(string address)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return new RespondentClient(http);
    }

    [Fact]
    public void Limit_AsShipped_IsTenCodesInTenMinutes()
    {
        var shipped = new RateLimitOptions();
        Assert.Equal((10, 600), (shipped.AccessCodes.PermitLimit, shipped.AccessCodes.WindowSeconds));
        Assert.Equal(3, app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.AccessCodes.PermitLimit);
    }

    [Fact]
    public async Task Guessing_TypedAndByQrAddress_RefusedWith429InLanguageAfterTheSetLimit()
    {
        var guesser = Client("203.0.113.81");
        var form = await guesser.GetAsync("/nl/code");
        Assert.Contains("Deze code werkt niet", (await guesser.PostAsync(form, ("code", "ABCD-EFGH-JKM2"))).Text, StringComparison.Ordinal);
        Assert.Contains("Deze code werkt niet", (await guesser.GetAsync("/nl/code/ABCDEFGHJKM3")).Text, StringComparison.Ordinal);
        Assert.Contains("Deze code werkt niet", (await guesser.PostAsync(form, ("code", "ABCD-EFGH-JKM4"))).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/nl/code")).Status);

        var refusedPost = await guesser.PostAsync(form, ("code", "ABCD-EFGH-JKM5"));
        var refusedQr = await guesser.GetAsync("/en/code/ABCDEFGHJKM6");

        Assert.Equal(HttpStatusCode.TooManyRequests, refusedPost.Status);
        Assert.Contains("Even wachten", refusedPost.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedQr.Status);
        Assert.Contains("Please wait a moment", refusedQr.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/nl/code")).Status);
    }

    [Fact]
    public async Task Limit_IsPerClient_AnotherClientsRealCodeStillWorks()
    {
        var guesser = Client("203.0.113.91");
        for (var i = 0; i < 4; i++)
        {
            await guesser.GetAsync($"/nl/code/ABCDEFGHJK{i + 2}{i + 2}");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync("/nl/code/ABCDEFGHJK99")).Status);
        var code = LetterCodeTests.NewLetterCode(app);

        var first = await Client("203.0.113.92").GetAsync($"/nl/code/{code}");

        Assert.Matches("^/nl/flowtest/[^/]+/first$", first.Path);
    }
}
