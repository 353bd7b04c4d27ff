using System.Globalization;
using System.Text;
using Survey.Definitions.Model;

namespace Survey.Exports;

/// <summary>
/// The microdata as a Stata file, format 118 (Stata 14 and later, UTF-8, little-endian) as Stata's "dta" documentation
/// describes it: header (data label, timestamp), map, variable types (double for numbers and codes, str# for text up to
/// 2045 bytes, strL above), names, formats (<c>%td</c> for dates, <c>%tm</c> for months), value label names, variable labels, characteristics (the
/// notes: the file's notes on method and suppression, per variable the other language's label and value labels, the
/// original codes and the column's note), the data, the strLs and the value labels. Streamed: the rows are read once to
/// measure, once to write the data and once for long texts; the map is filled in at the end (the stream must seek).
/// </summary>
public static class DtaWriter
{
    private const int MaxStr = 2045;
    private const ushort StrL = 32768;
    private const ushort Double = 65526;
    private static readonly byte[] Missing = BitConverter.GetBytes(BitConverter.Int64BitsToDouble(0x7fe0000000000000));
    private static readonly int StataEpochDays = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber - new DateOnly(1960, 1, 1).DayNumber;

    /// <exception cref="ArgumentException">The stream cannot seek (the map at the start points at sections written later).</exception>
    public static void Write(Stream stream, Microdata microdata, Codebook codebook, LanguageTag language, StatFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(microdata);
        ArgumentNullException.ThrowIfNull(info);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("A Stata file is written to a stream that can seek.", nameof(stream));
        }
        var variables = StatVariables.For(codebook, microdata.Rows);
        var names = Names(variables);
        var other = StatVariables.OtherLanguage(language);
        var types = variables.Select(v => v.Kind != StatKind.Text ? Double : v.TextBytes <= MaxStr ? (ushort)v.TextBytes : StrL).ToArray();
        var start = stream.Position;
        var map = new long[14];
        using var output = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);

        Tag(output, "<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>");
        output.Write((ushort)variables.Count);
        Tag(output, "</K><N>");
        output.Write((ulong)microdata.Rows.Count);
        Tag(output, "</N><label>");
        var title = StatVariables.Utf8(StatVariables.OneLine(info.Title[language]), 320);
        output.Write((ushort)title.Length);
        output.Write(title);
        Tag(output, "</label><timestamp>");
        output.Write((byte)17);
        output.Write(Encoding.ASCII.GetBytes(info.Created.ToString("dd MMM yyyy HH:mm", CultureInfo.InvariantCulture)));
        Tag(output, "</timestamp></header>");
        map[1] = output.BaseStream.Position - start;
        Tag(output, "<map>");
        output.Write(new byte[14 * 8]);
        Tag(output, "</map>");
        Section(output, map, 2, start, "variable_types", () => Array.ForEach(types, output.Write));
        Section(output, map, 3, start, "varnames", () => names.ToList().ForEach(n => output.Write(Fixed(n, 129))));
        Section(output, map, 4, start, "sortlist", () => output.Write(new byte[2 * (variables.Count + 1)]));
        Section(output, map, 5, start, "formats", () => variables.Select((v, i) => Format(v, types[i])).ToList().ForEach(f => output.Write(Fixed(f, 57))));
        Section(output, map, 6, start, "value_label_names", () =>
            variables.Select((v, i) => v.ValueLabels.Count > 0 ? names[i] : string.Empty).ToList().ForEach(n => output.Write(Fixed(n, 129))));
        Section(output, map, 7, start, "variable_labels", () =>
            variables.Select((v, i) => Label(v, names[i], language)).ToList().ForEach(l => output.Write(Fixed(l, 321))));
        Section(output, map, 8, start, "characteristics", () =>
        {
            WriteNotes(output, "_dta", [.. info.Lines(language, ExportText.Pick(language, "de notes van elke variabele", "each variable's notes"), 2000)]);
            for (var i = 0; i < variables.Count; i++)
            {
                WriteNotes(output, names[i], [.. VariableNotes(variables[i], language, other)]);
            }
        });
        Section(output, map, 9, start, "data", () =>
        {
            var o = 0UL;
            foreach (var row in microdata.Rows)
            {
                o++;
                for (var i = 0; i < variables.Count; i++)
                {
                    var value = StatVariables.Value(row, variables[i].Source);
                    if (types[i] == StrL)
                    {
                        output.Write(string.IsNullOrEmpty(value) ? 0UL : (ulong)(uint)(i + 1) | (o << 16));
                    }
                    else if (types[i] != Double)
                    {
                        var text = new byte[types[i]];
                        Encoding.UTF8.GetBytes(value ?? string.Empty).CopyTo(text, 0);
                        output.Write(text);
                    }
                    else if (variables[i].Number(value) is { } x)
                    {
                        output.Write(variables[i].Kind switch
                        {
                            StatKind.Date => x + StataEpochDays,
                            StatKind.Month => StataMonth(x),
                            _ => x,
                        });
                    }
                    else
                    {
                        output.Write(Missing);
                    }
                }
            }
        });
        Section(output, map, 10, start, "strls", () => StrLs(output, microdata, variables, types));
        Section(output, map, 11, start, "value_labels", () =>
        {
            for (var i = 0; i < variables.Count; i++)
            {
                if (variables[i].ValueLabels.Count > 0)
                {
                    ValueLabels(output, names[i], variables[i], language);
                }
            }
        });
        map[12] = output.BaseStream.Position - start;
        Tag(output, "</stata_dta>");
        map[13] = output.BaseStream.Position - start;
        output.Flush();
        var end = stream.Position;
        stream.Position = start + map[1] + "<map>".Length;
        Array.ForEach(map, m => output.Write((ulong)m));
        output.Flush();
        stream.Position = end;
    }

    private static void Section(BinaryWriter output, long[] map, int index, long start, string name, Action body)
    {
        map[index] = output.BaseStream.Position - start;
        Tag(output, $"<{name}>");
        body();
        Tag(output, $"</{name}>");
    }

    private static void Tag(BinaryWriter output, string tag) => output.Write(Encoding.ASCII.GetBytes(tag));

    /// <summary>Stata names: a letter or _ first, letters, digits and _, at most 32 characters, no reserved word, unique.</summary>
    internal static string[] Names(IReadOnlyList<StatVariable> variables)
    {
        string[] reserved = ["_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with"];
        var valid = variables.Select(v =>
        {
            var name = new string([.. v.Source.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_')]);
            name = name.Length == 0 || char.IsAsciiDigit(name[0]) ? "v" + name : name;
            return reserved.Contains(name) || (name.StartsWith("str", StringComparison.Ordinal) && name[3..].All(char.IsAsciiDigit)) ? name + "_" : name;
        }).ToList();
        return SavNames.Unique(valid, 32, StringComparer.Ordinal);
    }

    /// <summary>Stata's monthly date (months since January 1960) of the month whose first day is <paramref name="daysSince1970"/>.</summary>
    private static double StataMonth(double daysSince1970)
    {
        var day = DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays((int)daysSince1970);
        return ((day.Year - 1960) * 12) + day.Month - 1;
    }

    private static string Format(StatVariable v, ushort type) => type switch
    {
        StrL => "%9s",
        not Double => string.Create(CultureInfo.InvariantCulture, $"%-{Math.Min((int)type, 2045)}s"),
        _ when v.Kind == StatKind.Date => "%td",
        _ when v.Kind == StatKind.Month => "%tm",
        _ when v.Decimals > 0 => string.Create(CultureInfo.InvariantCulture, $"%12.{v.Decimals}f"),
        _ => "%10.0g",
    };

    /// <summary>The label (80 characters at most), with the original name first when the name had to change.</summary>
    internal static string Label(StatVariable v, string name, LanguageTag language)
    {
        var text = StatVariables.OneLine(v.Source.Label[language]);
        text = name == v.Source.Name ? text : $"[{v.Source.Name}] {text}";
        return text.Length <= 80 ? text : text[..80];
    }

    private static IEnumerable<string> VariableNotes(StatVariable v, LanguageTag language, LanguageTag other)
    {
        yield return $"{other.Value}: {StatVariables.OneLine(v.Source.Label[other])}";
        if (StatVariables.OneLine(v.Source.Label[language]).Length > 80)
        {
            yield return $"{language.Value}: {StatVariables.OneLine(v.Source.Label[language])}";
        }
        if (v.ValueLabels.Count > 0)
        {
            yield return $"{other.Value}: " + string.Join("; ", v.ValueLabels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Value} = {StatVariables.OneLine(l.Label[other])}")));
            yield return "codes: " + string.Join("; ", v.ValueLabels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Code} = {l.Value}{(l.Missing ? " (don't know / no answer)" : string.Empty)}")));
        }
        if (v.Source.Note is { } note)
        {
            yield return StatVariables.OneLine(note[language]);
            yield return StatVariables.OneLine(note[other]);
        }
    }

    /// <summary>Stata's notes: characteristic <c>note0</c> holds the count, <c>note1</c>… the texts.</summary>
    private static void WriteNotes(BinaryWriter output, string owner, List<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }
        Characteristic(output, owner, "note0", notes.Count.ToString(CultureInfo.InvariantCulture));
        for (var n = 0; n < notes.Count; n++)
        {
            Characteristic(output, owner, string.Create(CultureInfo.InvariantCulture, $"note{n + 1}"), notes[n]);
        }
    }

    private static void Characteristic(BinaryWriter output, string owner, string name, string contents)
    {
        var bytes = Encoding.UTF8.GetBytes(contents);
        Tag(output, "<ch>");
        output.Write((uint)(129 + 129 + bytes.Length + 1));
        output.Write(Fixed(owner, 129));
        output.Write(Fixed(name, 129));
        output.Write(bytes);
        output.Write((byte)0);
        Tag(output, "</ch>");
    }

    private static void StrLs(BinaryWriter output, Microdata microdata, IReadOnlyList<StatVariable> variables, ushort[] types)
    {
        var o = 0UL;
        foreach (var row in microdata.Rows)
        {
            o++;
            for (var i = 0; i < variables.Count; i++)
            {
                if (types[i] == StrL && StatVariables.Value(row, variables[i].Source) is { Length: > 0 } value)
                {
                    var bytes = Encoding.UTF8.GetBytes(value);
                    Tag(output, "GSO");
                    output.Write((uint)(i + 1));
                    output.Write(o);
                    output.Write((byte)130);
                    output.Write((uint)(bytes.Length + 1));
                    output.Write(bytes);
                    output.Write((byte)0);
                }
            }
        }
    }

    private static void ValueLabels(BinaryWriter output, string name, StatVariable v, LanguageTag language)
    {
        var texts = v.ValueLabels.Select(l => Encoding.UTF8.GetBytes(StatVariables.OneLine(l.Label[language]))).ToList();
        var textLength = texts.Sum(t => t.Length + 1);
        Tag(output, "<lbl>");
        output.Write(8 + (8 * texts.Count) + textLength);
        output.Write(Fixed(name, 129));
        output.Write(new byte[3]);
        output.Write(texts.Count);
        output.Write(textLength);
        var offset = 0;
        foreach (var t in texts)
        {
            output.Write(offset);
            offset += t.Length + 1;
        }
        foreach (var l in v.ValueLabels)
        {
            output.Write((int)l.Value);
        }
        foreach (var t in texts)
        {
            output.Write(t);
            output.Write((byte)0);
        }
        Tag(output, "</lbl>");
    }

    /// <summary>UTF-8, cut without splitting a character, zero-terminated and padded with zero bytes to <paramref name="length"/>.</summary>
    private static byte[] Fixed(string text, int length)
    {
        var result = new byte[length];
        StatVariables.Utf8(text, length - 1).CopyTo(result, 0);
        return result;
    }
}
