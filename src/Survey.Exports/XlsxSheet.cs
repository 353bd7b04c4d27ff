using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Survey.Exports;

/// <summary>Cell styles of the workbook; the values are indices into <see cref="XlsxSheet.Stylesheet"/>'s cell formats.</summary>
internal enum XlsxStyle : uint
{
    Text = 0,
    Bold = 1,
    Percent = 2,
    Decimal2 = 3,
    Integer = 4,
    Decimal4 = 5,
    Scientific = 6,
}

/// <summary>A worksheet filled row by row: text as inline strings, numbers as numeric cells with a number format.</summary>
internal sealed class XlsxSheet(string name)
{
    private readonly List<List<Cell>> _rows = [];

    public string Name { get; } = name;

    /// <summary>Starts a new row; an empty call leaves a blank line.</summary>
    public XlsxSheet Row()
    {
        _rows.Add([]);
        return this;
    }

    public XlsxSheet Text(string? text, XlsxStyle style = XlsxStyle.Text)
    {
        var cell = NewCell(style);
        if (!string.IsNullOrEmpty(text))
        {
            cell.DataType = CellValues.InlineString;
            var t = new Text(text);
            if (text.Trim().Length != text.Length)
            {
                t.Space = SpaceProcessingModeValues.Preserve;
            }
            cell.InlineString = new InlineString(t);
        }
        return this;
    }

    /// <summary>A numeric cell, or an empty cell for null.</summary>
    public XlsxSheet Number(double? value, XlsxStyle style)
    {
        var cell = NewCell(style);
        if (value is { } x && double.IsFinite(x))
        {
            cell.CellValue = new CellValue(x.ToString("R", CultureInfo.InvariantCulture));
        }
        return this;
    }

    public XlsxSheet Empty() => Text(null);

    public void AddTo(WorkbookPart workbook, Sheets sheets, uint sheetId, params double[] columnWidths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < _rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            row.Append(_rows[r]);
            data.Append(row);
        }
        var worksheet = new Worksheet();
        if (columnWidths.Length > 0)
        {
            worksheet.Append(new Columns(columnWidths.Select((w, i) =>
                new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        }
        worksheet.Append(data);
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId, Name = Name });
    }

    public static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0000" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            Numeric(164),
            Numeric(2),
            Numeric(1),
            Numeric(165),
            Numeric(11)) { Count = 7 });

    /// <summary>Column letters of a 0-based index: 0 = A, 25 = Z, 26 = AA.</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }
        return name;
    }

    private static CellFormat Numeric(uint format) => new() { NumberFormatId = format, ApplyNumberFormat = true };

    private Cell NewCell(XlsxStyle style)
    {
        if (_rows.Count == 0)
        {
            Row();
        }
        var row = _rows[^1];
        var cell = new Cell { CellReference = ColumnName(row.Count) + _rows.Count.ToString(CultureInfo.InvariantCulture) };
        if (style != XlsxStyle.Text)
        {
            cell.StyleIndex = (uint)style;
        }
        row.Add(cell);
        return cell;
    }
}
