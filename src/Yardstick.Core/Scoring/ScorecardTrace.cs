using System.Text;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Scoring;

/// <summary>
/// Explains a scorecard line by line in zh-CN or en (scoring.md §9): for every indicator its inputs,
/// rule and intermediate values, then every group, the re-normalisation of waivers, the total and grade.
/// </summary>
public static class ScorecardTrace
{
    /// <summary>The whole explanation of a scorecard.</summary>
    public static string Render(ScorecardResult r, Language lang)
    {
        var s = r.Scheme;
        var sb = new StringBuilder();
        sb.AppendLine(T(lang, $"Scorecard of {r.Person}, scheme {s.Scheme.Id} v{s.Scheme.Version}", $"{r.Person} 的考核表，方案 {s.Scheme.Id} v{s.Scheme.Version}"));
        if (r.WaivedWeight != 0)
            sb.AppendLine(T(lang,
                $"Waived weight W {Eq(Ratio(r.WaivedWeight))}: every remaining weight and points are divided by 1 − W {Eq(Ratio(1 - r.WaivedWeight))} (raw sums first, divided last)",
                $"豁免权重 W {Eq(Ratio(r.WaivedWeight))}：其余各项的权重与分数均除以 1 − W {Eq(Ratio(1 - r.WaivedWeight))}（先求原始合计，最后再除）"));
        for (var n = 0; n < s.Nodes.Length; n++)
        {
            var depth = Depth(s, n);
            var indent = new string(' ', depth * 2);
            if (s.NodeIndicator[n] is var i and >= 0)
            {
                foreach (var line in Indicator(r, i, lang))
                    sb.Append(indent).AppendLine(line);
            }
            else
            {
                sb.Append(indent).AppendLine(GroupLine(r, n, lang));
            }
        }

        sb.AppendLine(TotalLine(r, lang));
        return sb.ToString();
    }

    /// <summary>The explanation of one indicator: a heading and its steps.</summary>
    public static IReadOnlyList<string> Indicator(ScorecardResult r, int i, Language lang)
    {
        var s = r.Scheme;
        var ind = s.Indicators[i];
        var res = r.Indicators[i];
        var lines = new List<string>();
        var dir = ind.Direction == Direction.Higher ? T(lang, "higher is better", "越高越好") : T(lang, "lower is better", "越低越好");
        lines.Add(T(lang,
            $"{ind.Code} — {ind.Name.En}: weight {Input(ind.Weight)}, {dir}, rule {RuleName(ind.Rule, lang)}",
            $"{ind.Code} — {ind.Name.Zh}：权重 {Input(ind.Weight)}，{dir}，规则 {RuleName(ind.Rule, lang)}"));
        const string Step = "  ";

        if (res.Waived)
        {
            lines.Add(Step + T(lang,
                $"waived (reason: {r.WaiverReason(i)}): drops out of the scorecard; its weight {Input(ind.Weight)} is shared out by re-normalisation",
                $"已豁免（原因：{r.WaiverReason(i)}）：不计入考核，其权重 {Input(ind.Weight)} 通过重新归一分摊到其余指标"));
            return lines;
        }

        var target = Value(res.Target);
        if (ind.Ytd && res.Target != ind.Target)
            target = T(lang,
                $"{target} (year-to-date: annual {Input(ind.Target)} × {FiscalMonth(r)} / 12)",
                $"{target}（年累计：年度目标 {Input(ind.Target)} × {FiscalMonth(r)} / 12）");
        if (s.SourceFormulas[i] is { } src)
            lines.Add(Step + T(lang,
                $"actual = {src.Text} {(res.Actual is { } a0 ? Eq(Value(a0)) : "→ missing")}",
                $"实际值 = {src.Text} {(res.Actual is { } a1 ? Eq(Value(a1)) : "→ 缺失")}"));
        if (res.Missing)
        {
            lines.Add(Step + T(lang,
                $"target {target}; actual missing → s = 0, points 0; the scorecard is incomplete until it is entered or waived",
                $"目标值 {target}；实际值缺失 → s = 0，分数 0；录入或豁免之前考核表不完整"));
            return lines;
        }

        var actual = Input(res.Actual!.Value);
        if (r.Adjustments?.Actual(i) is { } actualAdjusted)
            lines.Add(Step + T(lang,
                $"actual {Input(r.Adjustments.CorrectedFrom![i])} → {actual} ({actualAdjusted.Note(lang)}), target {target}",
                $"实际值 {Input(r.Adjustments.CorrectedFrom![i])} → {actual}（{actualAdjusted.Note(lang)}），目标值 {target}"));
        else
            lines.Add(Step + T(lang, $"actual {actual}, target {target}", $"实际值 {actual}，目标值 {target}"));
        lines.Add(Step + AchievementLine(r, i, lang));
        var a = res.Achievement!.Value;
        var clampNote = a > ind.Cap ? T(lang, " (capped)", "（封顶）") : a < ind.Floor ? T(lang, " (floored)", "（保底）") : "";
        if (r.Adjustments?.Score(i) is { } scoreAdjusted)
        {
            var computed = a < ind.Floor ? ind.Floor : a > ind.Cap ? ind.Cap : a;
            lines.Add(Step + T(lang,
                $"s = clamp(a, floor {Input(ind.Floor)}, cap {Input(ind.Cap)}) {Eq(Ratio(computed))}{clampNote}",
                $"得分 s = clamp(a, 下限 {Input(ind.Floor)}, 上限 {Input(ind.Cap)}) {Eq(Ratio(computed))}{clampNote}"));
            lines.Add(Step + T(lang,
                $"{ind.Code}: score {Fixed8(computed)} → {Fixed8(res.Score)} ({scoreAdjusted.Note(lang)})",
                $"{ind.Code}：得分 {Fixed8(computed)} → {Fixed8(res.Score)}（{scoreAdjusted.Note(lang)}）"));
        }
        else
        {
            lines.Add(Step + T(lang,
                $"s = clamp(a, floor {Input(ind.Floor)}, cap {Input(ind.Cap)}) {Eq(Ratio(res.Score))}{clampNote}",
                $"得分 s = clamp(a, 下限 {Input(ind.Floor)}, 上限 {Input(ind.Cap)}) {Eq(Ratio(res.Score))}{clampNote}"));
        }
        lines.Add(Step + T(lang,
            $"points = 100 × {Input(ind.Weight)} × s {Eq(Value(res.RawPoints))}",
            $"分数 = 100 × {Input(ind.Weight)} × s {Eq(Value(res.RawPoints))}"));
        if (r.WaivedWeight != 0)
            lines.Add(Step + T(lang,
                $"re-normalised: weight {Input(ind.Weight)} / {Ratio(1 - r.WaivedWeight)} {Eq(Ratio(res.Weight))}, points {Value(res.RawPoints)} / {Ratio(1 - r.WaivedWeight)} {Eq(Value(res.Points))}",
                $"重新归一：权重 {Input(ind.Weight)} / {Ratio(1 - r.WaivedWeight)} {Eq(Ratio(res.Weight))}，分数 {Value(res.RawPoints)} / {Ratio(1 - r.WaivedWeight)} {Eq(Value(res.Points))}"));
        return lines;
    }

    private static string AchievementLine(ScorecardResult r, int i, Language lang)
    {
        var ind = r.Scheme.Indicators[i];
        var res = r.Indicators[i];
        var x = Input(res.Actual!.Value);
        var t = Value(res.Target);
        var a = Ratio(res.Achievement!.Value);
        var higher = ind.Direction == Direction.Higher;
        var aName = T(lang, "a", "达成率 a");
        switch (ind.Rule)
        {
            case RuleKind.Ratio when higher:
                return $"{aName} = {T(lang, "actual / target", "实际值 / 目标值")} = {x} / {t} {Eq(a)}";
            case RuleKind.Ratio when res.Actual <= 0:
                return T(lang, $"actual {x} <= 0 on a lower-is-better ratio → a = cap {Eq(a)}", $"越低越好的比率指标实际值 {x} <= 0 → a = 上限 {Eq(a)}");
            case RuleKind.Ratio:
                return $"{aName} = {T(lang, "target / actual", "目标值 / 实际值")} = {t} / {x} {Eq(a)}";
            case RuleKind.Threshold:
                var met = res.Achievement == 1m;
                var op = higher ? (met ? ">=" : "<") : (met ? "<=" : ">");
                return $"{x} {op} {t} → {aName} {Eq(a)}";
            case RuleKind.Linear:
                var z = Input(ind.Zero!.Value);
                return $"{aName} = ({T(lang, "actual", "实际值")} − zero) / ({T(lang, "target", "目标值")} − zero) = ({x} − {z}) / ({t} − {z}) {Eq(a)}";
            case RuleKind.Bands:
                var band = ind.Bands!.LastOrDefault(b => higher ? b.From <= res.Actual : b.From >= res.Actual);
                return band is null
                    ? T(lang, $"{x} is {(higher ? "below" : "above")} every band → a = 0", $"{x} {(higher ? "低于" : "高于")}所有区间 → a = 0")
                    : T(lang, $"{x} falls in the band from {Input(band.From)} → a {Eq(a)}", $"{x} 落在起点为 {Input(band.From)} 的区间 → a {Eq(a)}");
            case RuleKind.Formula:
                return $"{aName} = {r.Scheme.RuleFormulas[i]!.Text} {Eq(a)}";
            default:
                throw new InvalidOperationException($"unknown rule {ind.Rule}");
        }
    }

    private static string GroupLine(ScorecardResult r, int n, Language lang)
    {
        var node = r.Scheme.Nodes[n];
        var g = r.Groups[n];
        if (g.Waived)
            return T(lang, $"{node.Code} — {node.Name.En}: every indicator waived, the group drops out", $"{node.Code} — {node.Name.Zh}：所有指标均已豁免，该组不计入");
        var a = g.Achievement is { } ach ? Ratio(ach) : "—";
        var renorm = r.WaivedWeight != 0
            ? T(lang, $"; reported weight {Ratio(g.Weight)}, points {Value(g.Points)}", $"；归一后权重 {Ratio(g.Weight)}，分数 {Value(g.Points)}")
            : "";
        var missing = g.ContainsMissing ? T(lang, "; contains a missing indicator", "；含缺失指标") : "";
        return T(lang,
            $"{node.Code} — {node.Name.En}: points {Value(g.RawPoints)} (sum of its children), A = {Value(g.RawPoints)} / (100 × {Value(g.RawWeight)}) {Eq(a)}{renorm}{missing}",
            $"{node.Code} — {node.Name.Zh}：分数 {Value(g.RawPoints)}（下级合计），A = {Value(g.RawPoints)} / (100 × {Value(g.RawWeight)}) {Eq(a)}{renorm}{missing}");
    }

    private static string TotalLine(ScorecardResult r, Language lang)
    {
        var reported = r.Total - r.AddedPoints;
        var total = r.WaivedWeight == 0
            ? Value(reported)
            : $"{Value(r.RawTotal)} / {Ratio(1 - r.WaivedWeight)} {Eq(Value(reported))}";
        if (r.Adjustments?.Requested.Points is { } added)
            total = T(lang,
                $"{total} {(added.Value < 0 ? "−" : "+")} {Points2(added.Value)} ({added.Note(lang)}) {Eq(Value(r.Total))}",
                $"{total} {(added.Value < 0 ? "−" : "+")} {Points2(added.Value)}（{added.Note(lang)}）{Eq(Value(r.Total))}");
        var band = r.Scheme.Scheme.Grades.FirstOrDefault(b => b.Grade == r.Grade);
        var grade = r.Grade is null
            ? T(lang, "no grade bands", "无等级档")
            : band?.Min is { } min
                ? T(lang, $"grade {r.Grade} ({r.Grade} >= {Input(min)})", $"等级 {r.Grade}（{r.Grade} ≥ {Input(min)}）")
                : T(lang, $"grade {r.Grade} (below every other band)", $"等级 {r.Grade}（低于其他各档）");
        var incomplete = r.Complete ? "" : T(lang, $"; incomplete, missing: {string.Join(", ", r.MissingCodes)}", $"；不完整，缺失：{string.Join(", ", r.MissingCodes)}");
        return T(lang, $"total = {total} (shown {ShowScore(r.Total)}) → {grade}{incomplete}", $"总分 = {total}（显示 {ShowScore(r.Total)}）→ {grade}{incomplete}");
    }

    /// <summary>An adjusted score as review.md R3 shows it: 8 decimals, written out.</summary>
    private static string Fixed8(decimal value) => value.ToString("0.00000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The size of a points adjustment (at most 2 decimals), written out.</summary>
    private static string Points2(decimal value) => Math.Abs(value).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static string RuleName(RuleKind rule, Language lang) => lang == Language.En
        ? rule.ToString().ToLowerInvariant()
        : rule switch
        {
            RuleKind.Ratio => "比率 ratio",
            RuleKind.Threshold => "达标 threshold",
            RuleKind.Linear => "线性 linear",
            RuleKind.Bands => "分档 bands",
            RuleKind.Formula => "公式 formula",
        };

    private static int FiscalMonth(ScorecardResult r) => r.Period.FiscalMonthAtEnd(r.Scheme.Scheme.FiscalYearStart);

    private static int Depth(CompiledScheme s, int n)
    {
        var d = 0;
        for (var p = s.Parent[n]; p >= 0; p = s.Parent[p])
            d++;
        return d;
    }

    private static string T(Language lang, string en, string zh) => lang == Language.ZhCN ? zh : en;
}
