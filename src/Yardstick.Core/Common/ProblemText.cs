namespace Yardstick.Core.Common;

/// <summary>Pieces that several of Core's problem messages share, in both languages.</summary>
internal static class ProblemText
{
    /// <summary>A period kind as files write it: month, quarter, half, year.</summary>
    public static string En(PeriodKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A period kind as an adjective: 月度, 季度, 半年度, 年度.</summary>
    public static string Zh(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "月度",
        PeriodKind.Quarter => "季度",
        PeriodKind.Half => "半年度",
        PeriodKind.Year => "年度",
    };

    /// <summary>A list as Chinese writes it: a、b、c.</summary>
    public static string ZhList(IEnumerable<string> items) => string.Join("、", items);

    /// <summary>A name (of a scheme, node or rule) missing in one language or both.</summary>
    public static Problem NameRequired(string where) =>
        Problem.Invalid(where, "需要中文（zh-CN）和英文（en）名称", "a name in zh-CN and in en is required");

    /// <summary>A currency that is not three capital letters.</summary>
    public static Problem NotACurrency(string where, string? currency) => Problem.Invalid(where,
        $"'{currency}' 不是 ISO 4217 币种代码；应为三个大写字母，例如 CNY、USD、EUR",
        $"'{currency}' is not an ISO 4217 currency code; expected three capital letters such as CNY, USD, EUR");
}
