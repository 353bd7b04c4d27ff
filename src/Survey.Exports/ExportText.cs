using System.Globalization;
using Survey.Definitions.Model;

namespace Survey.Exports;

/// <summary>Fixed texts of the downloads in Dutch and English, and number formatting shared by the writers.</summary>
internal static class ExportText
{
    /// <summary>Invariant digits with a decimal comma and no grouping, so Dutch Excel reads the value as a number.</summary>
    public static readonly NumberFormatInfo DutchNumbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NegativeSign = "-",
    };

    public static bool IsEnglish(LanguageTag language) =>
        language.Value == "en" || language.Value.StartsWith("en-", StringComparison.Ordinal);

    public static string Pick(LanguageTag language, string nl, string en) => IsEnglish(language) ? en : nl;

    public static string Mean(LanguageTag language) => Pick(language, "Gemiddelde", "Mean");

    public static string Total(LanguageTag language) => Pick(language, "Totaal", "Total");

    /// <summary>The mark of a hidden cell or base (not "&lt;N": a cell hidden to protect another can be larger).</summary>
    public static string Suppressed(LanguageTag language) => Pick(language, "verborgen", "hidden");

    /// <summary>Fixed decimals; empty for null or NaN; never "-0.000000".</summary>
    public static string Fixed(double? value, int decimals, IFormatProvider format)
    {
        if (value is not { } x || !double.IsFinite(x))
        {
            return string.Empty;
        }
        var rounded = Math.Round(x, decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), format);
    }

    /// <summary>Rounds like <see cref="Fixed"/> for outputs that keep numbers numeric (JSON); null stays null.</summary>
    public static double? Round(double? value, int decimals) =>
        value is { } x && double.IsFinite(x) ? Math.Round(x, decimals, MidpointRounding.AwayFromZero) + 0.0 : null;

    /// <summary>Three significant digits, for diagnostics such as the raking misfit whose last digits are noise.</summary>
    public static double? Significant3(double value) =>
        double.IsFinite(value) ? double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;
}
