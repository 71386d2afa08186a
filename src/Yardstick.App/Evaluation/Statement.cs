using System.Globalization;
using System.Text.Json;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;

namespace Yardstick.App.Evaluation;

/// <summary>
/// One person's pay statement: header, every payout line with its trace, the total per currency, career tracks and
/// the notices that concern them, as text or JSON, in either language. Every front end (the CLI's file-based and
/// database statements, the web page) writes it through here.
/// </summary>
public static class Statement
{
    public static string Text(EvaluationInputs inputs, EvaluationResult result, PersonResult r, Language lang)
    {
        string L(string en, string zh) => lang == Language.ZhCN ? zh : en;
        var w = new StringWriter(CultureInfo.InvariantCulture);
        var scheme = r.Card.Scheme.Scheme;
        var name = inputs.InfoOf(r.Person).Name;
        w.WriteLine($"{L("Pay statement", "薪酬明细")}: {r.Person}{(name is null ? "" : $" ({name})")}");
        w.WriteLine($"  {L("scheme", "方案")}: {scheme.Id} v{scheme.Version}, {scheme.Name.Get(lang)}{(inputs.IsBundle ? $" ({L("bundle", "生命周期方案")} {inputs.Document.Id}, {L("stage", "阶段")} {scheme.Stage})" : "")}");
        w.WriteLine($"  {L("period", "周期")}: {inputs.Period}");
        w.WriteLine($"  {L("total", "总分")}: {TraceFormat.ShowScore(r.Total)}, {L("grade", "等级")} {r.Grade ?? "-"}{(r.Card.Complete ? "" : $" ({L("incomplete, missing", "不完整，缺失")}: {string.Join(", ", r.Card.MissingCodes)})")}");
        if (r.ProRata is { } pro)
            w.WriteLine($"  {pro.Trace.Get(lang)}");
        w.WriteLine();

        var plan = r.Card.Scheme.Plan?.Plan;
        if (plan is null)
            w.WriteLine(L($"Scheme {scheme.Id} has no incentive plan.", $"方案 {scheme.Id} 没有激励方案。"));
        else if (r.Lines.Count == 0)
            w.WriteLine(L($"No payout lines in {inputs.Period}.", $"{inputs.Period} 没有薪酬项。"));
        foreach (var line in r.Lines)
        {
            var ruleName = plan?.Rules.FirstOrDefault(x => x.Code == line.Rule)?.Name.Get(lang);
            var flags = line.Provisional ? $" ({L("provisional", "暂定")})" : "";
            var equity = line.EquityUnits is { } units ? $" + {units.ToString(CultureInfo.InvariantCulture)} {L("equity units", "股权份数")}" : "";
            var benefit = line.Benefit is { } b ? $" + {b.Get(lang)}" : "";
            w.WriteLine($"{line.Rule}{(ruleName is null ? "" : $" ({ruleName})")}, {JsonNames.Kind(line.Kind)}: {TraceFormat.Money(line.Amount.Amount)} {line.Amount.Currency}{equity}{benefit}{flags}");
            foreach (var step in line.StepTexts(lang))
                w.WriteLine($"    {step}");
        }

        if (r.Lines.Count > 0)
        {
            w.WriteLine();
            foreach (var (currency, amount, provisional) in r.Pay)
                w.WriteLine($"{L("Total pay", "合计")}: {TraceFormat.Money(amount)} {currency}{(provisional == 0 ? "" : L($" ({provisional} provisional line{(provisional == 1 ? "" : "s")})", $"（{provisional} 项暂定）"))}");
        }

        if (r.Careers.Count > 0)
        {
            w.WriteLine();
            w.WriteLine(L("Career tracks", "职业发展通道"));
            foreach (var c in r.Careers)
            {
                var window = string.Join(", ", c.Window.Select(g => $"{g.Period} {g.Grade}"));
                w.WriteLine(L(
                    $"  {c.Track.From.En} → {c.Track.To.En}: {(c.Eligible ? "eligible" : "not yet eligible")}: {c.Count} of the last {c.Track.Window} grades at {c.Track.MinGrade} or better, {c.Track.MinCount} needed ({window}); training: {string.Join(", ", c.Track.Training.Select(t => t.En))}",
                    $"  {c.Track.From.Zh} → {c.Track.To.Zh}：{(c.Eligible ? "符合条件" : "尚不符合")}：最近 {c.Track.Window} 个周期中 {c.Count} 个达到 {c.Track.MinGrade} 或以上，需要 {c.Track.MinCount} 个（{window}）；培训资源：{string.Join("、", c.Track.Training.Select(t => t.Zh))}"));
            }
        }

        var notices = NoticesFor(inputs, result, r.Person).ToList();
        if (notices.Count > 0)
        {
            w.WriteLine();
            w.WriteLine(L("Notices", "提示"));
            foreach (var n in notices)
                w.WriteLine($"  {n.Get(lang)}");
        }

        return w.ToString();
    }

    /// <summary>The statement as a JSON object: person, name, scheme, period, total, grade, payouts, pay per currency, careers, notices.</summary>
    public static void Json(Utf8JsonWriter w, EvaluationInputs inputs, EvaluationResult result, PersonResult r, Language lang)
    {
        w.WriteStartObject();
        w.WriteString("person", r.Person);
        if (inputs.InfoOf(r.Person).Name is { } name)
            w.WriteString("name", name);
        else
            w.WriteNull("name");
        w.WriteString("scheme", r.Card.Scheme.Scheme.Id);
        w.WriteNumber("version", r.Card.Scheme.Scheme.Version);
        w.WriteString("period", inputs.Period.ToString());
        w.WriteNumber("total", r.Total);
        if (r.Grade is null)
            w.WriteNull("grade");
        else
            w.WriteString("grade", r.Grade);
        w.WriteBoolean("complete", r.Card.Complete);
        if (r.ProRata is { } pro)
            w.WriteString("pro_rata", pro.Trace.Get(lang));
        PayoutJson.Payouts(w, r.Lines, lang);
        w.WriteStartArray("pay");
        foreach (var (currency, amount, provisional) in r.Pay)
        {
            w.WriteStartObject();
            w.WriteString("currency", currency);
            w.WriteNumber("amount", PayoutJson.Fen(amount));
            w.WriteNumber("provisional_lines", provisional);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        PayoutJson.Careers(w, r.Careers, lang);
        PayoutJson.Notices(w, [.. NoticesFor(inputs, result, r.Person)], lang);
        w.WriteEndObject();
    }

    /// <summary>The run's notices that concern the person: naming them, their team or their product.</summary>
    private static IEnumerable<Notice> NoticesFor(EvaluationInputs inputs, EvaluationResult result, string person)
    {
        var p = inputs.InfoOf(person);
        return result.Notices.Where(n =>
            n.En.StartsWith(person + ":", StringComparison.Ordinal)
            || (p.Team is { } team && n.En.StartsWith($"team {team}:", StringComparison.Ordinal))
            || (p.Product is { } product && n.En.StartsWith($"product {product}:", StringComparison.Ordinal)));
    }
}
