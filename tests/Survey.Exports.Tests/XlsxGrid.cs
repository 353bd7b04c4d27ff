using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Survey.Exports.Tests;

/// <summary>Reads a workbook back with OpenXml: sheet names, cells as text, and validation errors.</summary>
internal sealed class XlsxGrid
{
    private XlsxGrid(IReadOnlyList<(string Name, IReadOnlyList<GridCell> Cells)> sheets, IReadOnlyList<string> errors)
    {
        Sheets = sheets;
        ValidationErrors = errors;
    }

    public IReadOnlyList<(string Name, IReadOnlyList<GridCell> Cells)> Sheets { get; }

    public IReadOnlyList<string> ValidationErrors { get; }

    public IReadOnlyList<string> SheetNames => [.. Sheets.Select(s => s.Name)];

    public static XlsxGrid Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var errors = new OpenXmlValidator().Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var sheets = new List<(string, IReadOnlyList<GridCell>)>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var cells = part.Worksheet.Descendants<Cell>()
                .Select(c => ToGridCell(c, formats))
                .Where(c => c.Kind != "empty")
                .ToList();
            sheets.Add((sheet.Name!.Value!, cells));
        }
        return new XlsxGrid(sheets, errors);
    }

    public GridCell Cell(string sheet, string reference) =>
        Sheets.Single(s => s.Name == sheet).Cells.Single(c => c.Reference == reference);

    /// <summary>One line per non-empty cell: reference, kind (s = text, n:format = number) and value (numbers to 6 decimals).</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var (name, cells) in Sheets)
        {
            text.Append("== ").Append(name).Append('\n');
            foreach (var c in cells)
            {
                text.Append(c.Reference).Append('\t').Append(c.Kind).Append('\t').Append(c.Display).Append('\n');
            }
        }
        return text.ToString();
    }

    private static GridCell ToGridCell(Cell cell, List<CellFormat> formats)
    {
        var reference = cell.CellReference!.Value!;
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return new GridCell(reference, "s", cell.InlineString!.InnerText.Replace("\n", "\\n", StringComparison.Ordinal), null);
        }
        if (cell.CellValue is null)
        {
            return new GridCell(reference, "empty", string.Empty, null);
        }
        Assert.Null(cell.DataType);
        var value = double.Parse(cell.CellValue.Text, CultureInfo.InvariantCulture);
        var format = cell.StyleIndex is { } s ? formats[(int)s.Value].NumberFormatId!.Value : 0u;
        return new GridCell(reference, "n:" + format.ToString(CultureInfo.InvariantCulture), value.ToString("F6", CultureInfo.InvariantCulture), value);
    }
}

internal sealed record GridCell(string Reference, string Kind, string Display, double? Number);
