using System.Globalization;
using Yardstick.Core.Incentives;

namespace Yardstick.App.Files;

/// <summary>An award nomination as read from its file, with its line.</summary>
public sealed record NominationRow(AwardNomination Nomination, int Line);

/// <summary>
/// The award nominations format, <c>rule,person,amount,nominated_by</c>, optionally <c>equity_units,approved_by</c>
/// (scoring.md §4). Checked against the award rules of the scheme's plans: the rule exists, the amount is within
/// its range and exact to the fen, equity only where the rule grants it, the approver is a second person, one
/// nomination per (rule, person).
/// </summary>
public static class AwardsFile
{
    private static readonly string[] Required = ["rule", "person", "amount", "nominated_by"];
    private static readonly string[] Optional = ["equity_units", "approved_by"];

    /// <param name="rules">The award rules of the scheme's plans by code.</param>
    /// <param name="schemeId">The scheme, for messages.</param>
    public static (List<NominationRow> Rows, TableColumns? Columns) Read(InputFile file, IReadOnlyDictionary<string, AwardRule> rules, string schemeId, Problems problems, bool allowEmpty = false)
    {
        var awards = new List<NominationRow>();
        var lines = new Dictionary<(string, string), int>();
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, Optional, problems, allowEmpty))
        {
            columns ??= row.Columns;
            var code = row.Required("rule", problems);
            AwardRule? rule = null;
            if (code is not null && !rules.TryGetValue(code, out rule))
                problems.At(row.At("rule"),
                    $"'{code}' 不是方案 {schemeId} 的奖励规则；应为 {(rules.Count == 0 ? "无（其激励方案没有奖励）" : string.Join(", ", rules.Keys))}",
                    $"'{code}' is not an award rule of scheme {schemeId}; expected {(rules.Count == 0 ? "none (its plan has no awards)" : string.Join(", ", rules.Keys))}");
            var person = row.Required("person", problems);
            var amount = row.Number("amount", problems, "150000.00", limit: Numbers.MoneyLimit);
            if (amount is { } a && !Money.IsWholeMinor(a))
                problems.At(row.At("amount"), F($"{a} 超过两位小数；奖励金额精确到分"), F($"{a} has more than two decimals; awards are exact to the fen"));
            else if (amount is { } b && rule is not null && (b < rule.Min || b > rule.Max))
                problems.At(row.At("amount"), F($"金额 {b} 超出 {rule.Code} 的范围：{rule.Min}–{rule.Max}"), F($"amount {b} is outside the range of {rule.Code}: {rule.Min}–{rule.Max}"));
            decimal? units = row.Text("equity_units") is null ? null : row.Number("equity_units", problems, "1000");
            if (units is < 0)
                problems.At(row.At("equity_units"), F($"股权份数 {units} 不能为负"), F($"equity units {units} must not be negative"));
            else if (units is > 0 && rule is { Equity: false })
                problems.At(row.At("equity_units"), $"{rule.Code} 只发放现金；equity_units 请留空", $"{rule.Code} pays cash only; leave equity_units empty");
            var nominator = row.Required("nominated_by", problems);
            var approver = row.Text("approved_by");
            foreach (var column in (string[])["rule", "person", "nominated_by", "approved_by"])
                row.IsId(column, problems);
            if (approver is not null && approver == nominator)
                problems.At(row.At("approved_by"), $"审批人必须是另一个人；{approver} 既提名又审批", $"the approver must be a second person; {approver} both nominated and approved");
            if (code is null || person is null || amount is null || nominator is null)
                continue;
            if (!lines.TryAdd((code, person), row.Line))
            {
                problems.At(row.At("person"), $"'{person}' 被提名了两次 {code}：第 {lines[(code, person)]} 行和第 {row.Line} 行；请保留一行", $"'{person}' is nominated for {code} twice: lines {lines[(code, person)]} and {row.Line}; keep one");
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"{file.Name}:{row.Line}");
            awards.Add(new NominationRow(new AwardNomination(code, person, amount.Value, units, nominator, approver, where), row.Line));
        }

        return (awards, columns);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
