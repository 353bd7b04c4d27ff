using System.Text;
using Survey.Cli.Commands;
using Survey.Definitions.Model;
using Survey.Exports.Tests.Readers;
using Survey.Testing;

namespace Survey.Exports.Tests;

/// <summary><c>survey export</c> from a microdata CSV and its survey, read back by R haven.</summary>
public sealed class ExportCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (string Data, string Survey) Inputs(Microdata microdata)
    {
        var data = _dir.File("microdata.csv");
        using (var writer = new StreamWriter(data, false, new UTF8Encoding(false)))
        {
            MicrodataCsv.Write(writer, microdata, Codebook.For(StatFixture.Survey()));
        }
        var survey = _dir.File("statfile.yaml");
        File.WriteAllText(survey, StatFixture.Yaml);
        return (data, survey);
    }

    [Theory]
    [InlineData("sav", "en")]
    [InlineData("dta", "nl")]
    public void Export_MicrodataCsv_FileReadByHavenMatchesIt(string format, string language)
    {
        var rows = StatFixture.Microdata().Rows.ToList();
        rows[0] = new MicrodataRow(rows[0].ResponseId, new Dictionary<string, string?>(rows[0].Values) { ["remarks"] = "=1+1 typed" }, rows[0].Weight);
        var microdata = new Microdata(rows);
        var (data, survey) = Inputs(microdata);
        var output = _dir.File("out." + format);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ExportCommand.Run(["--format", format, "--data", data, "--survey", survey, "--lang", language, "--out", output], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        var file = ExternalReaders.Haven(output);
        var names = format == "sav" ? SavNames.For(StatVariables.For(Codebook.For(StatFixture.Survey()), rows)) : DtaWriter.Names(StatVariables.For(Codebook.For(StatFixture.Survey()), rows));
        Assert.Equal("=1+1 typed", file.Values["remarks"][0]);
        Assert.Equal(microdata.Rows.Count, file.Values["response_id"].Count);
        StatFileAssert.MatchesMicrodata(file, names, Codebook.For(StatFixture.Survey()), microdata, new LanguageTag(language), format == "sav" ? StatFileAssert.SavLabel : StatFileAssert.DtaLabel);
    }

    [Fact]
    public void Export_CsvOfAnotherSurvey_ExitsOneWithMessage()
    {
        var (_, survey) = Inputs(StatFixture.Microdata());
        var data = _dir.File("other.csv");
        File.WriteAllText(data, "response_id,q1,weight\n00000000-0000-4000-8000-000000000001,1,1\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ExportCommand.Run(["--format", "sav", "--data", data, "--survey", survey, "--lang", "nl", "--out", _dir.File("x.sav")], stdout, stderr);
        Assert.Equal(1, code);
        Assert.Contains("not the survey's microdata columns", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("x.sav")));
    }

    [Fact]
    public void Export_UnknownFormat_ExitsTwo()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(2, ExportCommand.Run(["--format", "xls", "--data", "a", "--survey", "b", "--lang", "nl", "--out", "c"], stdout, stderr));
        Assert.Contains("--format must be sav or dta", stderr.ToString(), StringComparison.Ordinal);
    }
}
