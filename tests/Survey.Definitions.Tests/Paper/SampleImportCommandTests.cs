using Microsoft.EntityFrameworkCore;

namespace Survey.Definitions.Tests.Paper;

public sealed class SampleImportCommandTests : IDisposable
{
    private readonly PaperCli _cli = new();

    private const string Bad = """
        address,postcode,town,district,age_band
        Breestraat 1,2311 CS,Leiden,binnenstad-zuid,25-39
        ,2312 AB,Leiden,merenwijk,18-24
        Haarlemmerstraat 5,2312 DK,Leiden,oegstgeest,40-54
        Lammenschansweg 3,2313 DJ,Leiden,morsdistrict,12-17
        Stationsweg 7,2312 AT,Leiden,stationsdistrict
        "Breestraat  1",2311cs,Leiden,binnenstad-zuid,65+
        "Hooglandse Kerkgracht 2, bis",2312 HT,Leiden,binnenstad-noord,55-64
        """;

    [Fact]
    public async Task Import_GoodFile_StoresFrameAndAddressesAndPrintsTheFrameIdLast()
    {
        var file = _cli.WriteFile("register-2026.csv", """
            district;age_band;address;postcode;town
            leiden-noord;18-24;Kooilaan 12;2315 RA;Leiden
            stevenshof;65+;"Vivaldipad 3, kamer 2";2317 AP;Leiden
            """);

        var (exit, output, error) = await _cli.SampleAsync("import", file);

        Assert.True(exit == 0, error);
        Assert.Empty(error);
        await using var db = _cli.Context();
        var frame = await db.SampleFrames.SingleAsync();
        Assert.Equal(frame.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), PaperCli.LastLine(output));
        Assert.Equal("register-2026.csv", frame.Source);
        Assert.Equal(
            ["Kooilaan 12 | 2315 RA Leiden|leiden-noord|18-24", "Vivaldipad 3, kamer 2 | 2317 AP Leiden|stevenshof|65+"],
            await db.FrameUnits.Where(u => u.FrameId == frame.Id).OrderBy(u => u.Id).Select(u => u.AddressLine + "|" + u.District + "|" + u.AgeBand).ToListAsync());
    }

    [Fact]
    public async Task Import_BadRows_EachReportedByLineAndNothingImported()
    {
        var (exit, _, error) = await _cli.SampleAsync("import", _cli.WriteFile("bad.csv", Bad));

        Assert.Equal(1, exit);
        Assert.Contains("bad.csv:3: the address is missing", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv:4: unknown district 'oegstgeest'", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv:5: unknown age band '12-17'", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv:6: 4 column(s), the header has 5", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv:7: duplicate address (also on line 2)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("bad.csv:2:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("bad.csv:8:", error, StringComparison.Ordinal);
        Assert.Contains("5 bad row(s): nothing imported", error, StringComparison.Ordinal);
        await using var db = _cli.Context();
        Assert.Equal(0, await db.SampleFrames.CountAsync());
        Assert.Equal(0, await db.FrameUnits.CountAsync());
    }

    [Fact]
    public async Task Import_BadRowsWithSkipInvalid_ImportsOnlyTheGoodRowsAndReportsTheRest()
    {
        var (exit, output, error) = await _cli.SampleAsync("import", _cli.WriteFile("bad.csv", Bad), "--skip-invalid");

        Assert.Equal(0, exit);
        Assert.Contains("bad.csv:6:", error, StringComparison.Ordinal);
        Assert.Contains("2 address(es) imported from bad.csv, 5 bad row(s) skipped", output, StringComparison.Ordinal);
        await using var db = _cli.Context();
        Assert.Equal(
            ["Breestraat 1 | 2311 CS Leiden", "Hooglandse Kerkgracht 2, bis | 2312 HT Leiden"],
            await db.FrameUnits.OrderBy(u => u.Id).Select(u => u.AddressLine).ToListAsync());
    }

    [Fact]
    public async Task Import_HeaderWithANameColumn_RefusedWithTheExpectedColumns()
    {
        var file = _cli.WriteFile("names.csv", "name,address,postcode,town,district,age_band\nJan,Breestraat 1,2311 CS,Leiden,merenwijk,18-24\n");

        var (exit, _, error) = await _cli.SampleAsync("import", file);

        Assert.Equal(1, exit);
        Assert.Contains("names.csv:1: the header row must name the columns address,postcode,town,district,age_band", error, StringComparison.Ordinal);
        Assert.Contains("unknown: name", error, StringComparison.Ordinal);
        await using var db = _cli.Context();
        Assert.Equal(0, await db.SampleFrames.CountAsync());
    }

    [Fact]
    public async Task Import_MissingFile_ExitsOne()
    {
        var (exit, _, error) = await _cli.SampleAsync("import", _cli.File("nope.csv"));

        Assert.Equal(1, exit);
        Assert.Contains("no file", error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
