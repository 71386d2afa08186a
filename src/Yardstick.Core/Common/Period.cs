using System.Globalization;

namespace Yardstick.Core.Common;

/// <summary>How long a period is. Ordered from shortest to longest.</summary>
public enum PeriodKind
{
    /// <summary>A calendar month, written 2026-10.</summary>
    Month = 1,

    /// <summary>A calendar quarter, written 2026-Q4.</summary>
    Quarter = 3,

    /// <summary>A calendar half-year, written 2026-H2.</summary>
    Half = 6,

    /// <summary>A year, written 2026.</summary>
    Year = 12,
}

/// <summary>
/// An evaluation period. Labels are calendar periods (2026-Q4 is October to December);
/// <see cref="Index"/> is 1-based (month 1–12, quarter 1–4, half 1–2, 1 for a year).
/// </summary>
public readonly record struct Period
{
    private Period(PeriodKind kind, int year, int index)
    {
        Kind = kind;
        Year = year;
        Index = index;
    }

    /// <summary>The length of the period.</summary>
    public PeriodKind Kind { get; }

    /// <summary>The calendar year.</summary>
    public int Year { get; }

    /// <summary>1-based month, quarter or half; 1 for a year.</summary>
    public int Index { get; }

    /// <summary>The first calendar month of the period (1–12).</summary>
    public int FirstMonth => (Index - 1) * (int)Kind + 1;

    /// <summary>The last calendar month of the period (1–12).</summary>
    public int LastMonth => Index * (int)Kind;

    /// <summary>The first day of the period.</summary>
    public DateOnly FirstDay => new(Year, FirstMonth, 1);

    /// <summary>The last day of the period.</summary>
    public DateOnly LastDay => new DateOnly(Year, LastMonth, 1).AddMonths(1).AddDays(-1);

    /// <summary>Creates a period, checking the index against the kind.</summary>
    public static Result<Period> Create(PeriodKind kind, int year, int index)
    {
        var max = 12 / (int)kind;
        if (year is < 1900 or > 9999)
            return Problem.Invalid("period", $"年份 {year} 超出范围；应为 1900–9999", $"year {year} is out of range; expected 1900–9999");
        if (index < 1 || index > max)
        {
            var zh = kind switch { PeriodKind.Month => "月份", PeriodKind.Quarter => "季度", PeriodKind.Half => "半年", _ => "年度" };
            return Problem.Invalid("period", $"{zh} {index} 超出范围；应为 1–{max}", $"{ProblemText.En(kind)} {index} is out of range; expected 1–{max}");
        }

        return new Period(kind, year, index);
    }

    /// <summary>Parses 2026-10, 2026-Q4, 2026-H2 or 2026.</summary>
    public static Result<Period> Parse(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length < 4 || !int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            return NotAPeriod(text);
        if (t.Length == 4)
            return Create(PeriodKind.Year, year, 1);
        if (t[4] != '-' || t.Length < 6)
            return NotAPeriod(text);
        var rest = t[5..];
        var (kind, digits) = char.ToUpperInvariant(rest[0]) switch
        {
            'Q' => (PeriodKind.Quarter, rest[1..]),
            'H' => (PeriodKind.Half, rest[1..]),
            _ => (PeriodKind.Month, rest),
        };
        if (digits.Length is 0 or > 2 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return NotAPeriod(text);
        return Create(kind, year, index);
    }

    private static Problem NotAPeriod(string? text) => Problem.Invalid("period",
        $"'{text}' 不是有效的周期；应为 YYYY-MM（2026-10）、YYYY-Qn（2026-Q4）、YYYY-Hn（2026-H2）或 YYYY（2026）",
        $"'{text}' is not a period; expected YYYY-MM (2026-10), YYYY-Qn (2026-Q4), YYYY-Hn (2026-H2) or YYYY (2026)");

    /// <summary>The month of the fiscal year in which this period ends (1–12).</summary>
    public int FiscalMonthAtEnd(int fiscalYearStart) => ((LastMonth - fiscalYearStart + 12) % 12) + 1;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Index:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Index}"),
        PeriodKind.Half => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-H{Index}"),
        PeriodKind.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
    };
}
