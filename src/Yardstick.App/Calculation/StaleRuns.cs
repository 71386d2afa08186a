using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Evaluation;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Calculation;

/// <summary>A current run whose inputs changed since it was calculated: its number and the sections of its inputs that differ.</summary>
public sealed record StaleRun(string Period, int Run, IReadOnlyList<string> Changed)
{
    /// <summary>The changed sections as the messages name them, in the snapshot's order.</summary>
    public LocalizedText Sections => new(
        string.Join("、", Changed.Select(s => StaleRuns.SectionNames[s].Zh)),
        string.Join(", ", Changed.Select(s => StaleRuns.SectionNames[s].En)));

    /// <summary>"run 3 of 2026-10 is stale: actuals, waivers changed since it was calculated".</summary>
    public LocalizedText Describe() => new(
        $"{Period} 的第 {Run} 次计算结果已过期：计算后 {Sections.Zh} 已更改",
        $"run {Run} of {Period} is stale: {Sections.En} changed since it was calculated");
}

/// <summary>
/// The one check of review.md R6 on a period's current run: the fingerprint of what the period would read now (built by
/// the loader <c>calc</c> uses, without evaluating) against the fingerprint the run stored. <c>review</c>, <c>approve</c>,
/// <c>publish</c> and <c>lock</c> refuse a stale run (<see cref="RefuseAsync"/>), <c>results</c> marks it, and every import of
/// data that several periods read refuses a change of what an Approved, Published or Locked period reads (<see cref="CheckFrozenAsync"/>).
/// </summary>
public static class StaleRuns
{
    /// <summary>How the messages name the sections of <see cref="InputsSnapshot"/>.</summary>
    internal static readonly IReadOnlyDictionary<string, LocalizedText> SectionNames = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
    {
        ["people"] = new("人员（被评估人、基本工资、姓名、团队与份额、产品）", "people (who is evaluated, base salaries, names, teams and shares, products)"),
        ["actuals"] = new("实际值（含需求响应率与 360 评价）", "actuals (request response rates and 360 ratings included)"),
        ["team_actuals"] = new("团队实际值", "team actuals"),
        ["waivers"] = new("豁免", "waivers"),
        ["measures"] = new("业务指标", "business measures"),
        ["events"] = new("里程碑事件", "milestone events"),
        ["awards"] = new("奖项提名", "award nominations"),
        ["ledger"] = new("以前周期的台账", "the ledger of earlier periods"),
        ["stages"] = new("产品生命周期阶段", "product lifecycle stages"),
        ["pro_rata"] = new("按天折算设置", "the pro-rata setting"),
        [InputsSnapshot.AdjustmentsSection] = new("审核调整", "review adjustments"),
        [InputsSnapshot.FinalGradesSection] = new("校准后的最终等级", "final grades of calibration"),
    };

    /// <summary>
    /// The current run of <paramref name="period"/> when it is stale, null when it is current (or there is no run, or the run was
    /// made before runs stored their inputs); the loader's problems when the period's inputs can no longer be read at all.
    /// </summary>
    public static async Task<Result<StaleRun?>> CheckAsync(YardstickDb db, PeriodScheme period, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.PeriodId == period.Row.Id && r.IsCurrent)
            .Select(r => new { r.Number, r.InputsFingerprint }).SingleOrDefaultAsync(ct);
        if (run is null || run.InputsFingerprint.Length == 0)
            return Result<StaleRun?>.Ok(null);
        var inputs = await DatabaseInputs.ReadAsync(db, period, ct);
        if (!inputs.IsSuccess)
            return Result<StaleRun?>.Fail(inputs.Problems);
        var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(run.InputsFingerprint)!;
        var now = InputsSnapshot.Fingerprint(inputs.Value);
        var changed = InputsSnapshot.Sections.Concat(InputsSnapshot.ReviewSections).Where(s => stored.GetValueOrDefault(s) != now.GetValueOrDefault(s)).ToList();
        return changed.Count == 0 ? Result<StaleRun?>.Ok(null) : new StaleRun(period.Row.Label, run.Number, changed);
    }

    /// <summary>
    /// For a move of the period (<paramref name="command"/>: review, approve, publish, lock) from <paramref name="state"/>: a
    /// conflict when its current run is stale, naming what changed and what to do; null when the run is current.
    /// </summary>
    public static async Task<Problem?> RefuseAsync(YardstickDb db, ReviewPeriod row, PeriodState state, string command, CancellationToken ct)
    {
        var period = await PeriodScheme.ForAsync(db, row, ct);
        if (!period.IsSuccess)
            return period.Problems[0];
        var stale = await CheckAsync(db, period.Value, ct);
        if (!stale.IsSuccess)
            return stale.Problems[0].Prefixed($"无法执行 {command}：{row.Label} 的输入已无法读取：", $"cannot {command}: the inputs of {row.Label} can no longer be read: ");
        if (stale.Value is not { } s)
            return null;
        var what = s.Describe();
        var (remedy, code) = Remedy(state);
        return Problem.Conflict(row.Label, $"无法执行 {command}：{what.Zh}；{remedy.Zh}", $"cannot {command}: {what.En}; {remedy.En}", code, row.Label);
    }

    /// <summary>What to do about a stale run of a period in <paramref name="state"/>, only what the state allows, and its code.</summary>
    public static (LocalizedText Remedy, string Code) Remedy(PeriodState state) => state switch
    {
        PeriodState.Draft or PeriodState.Collecting or PeriodState.Calculated => (new("请重新计算", "calculate again"), "run.stale"),
        PeriodState.InReview => (new("请重新开放周期并重新计算", "reopen the period and calculate again"), "run.stale.reopen"),
        PeriodState.Approved or PeriodState.Published or PeriodState.Locked =>
            (new("该周期已不能重新计算：请撤销这些更改", "the period can no longer be calculated again: undo those changes"), "run.stale.frozen"),
    };

    /// <summary>
    /// Inside the transaction of a change (<paramref name="zh"/>, <paramref name="en"/>: "import salaries") whose rows are saved but
    /// not committed: a conflict naming the first Approved, Published or Locked period whose current run would read something else
    /// now, and what; null when no such period's inputs changed (R6: from Approved on, what a period reads is kept).
    /// </summary>
    public static async Task<Problem?> CheckFrozenAsync(YardstickDb db, string zh, string en, CancellationToken ct)
    {
        var frozen = await db.Periods.AsNoTracking()
            .Where(p => p.State == PeriodState.Approved || p.State == PeriodState.Published || p.State == PeriodState.Locked)
            .Select(p => p.Label).ToListAsync(ct);
        foreach (var label in frozen.Order(StringComparer.Ordinal))
        {
            var period = await PeriodScheme.LoadAsync(db, label, ct);
            if (!period.IsSuccess)
                return period.Problems[0];
            var state = period.Value.Row.State;
            var stale = await CheckAsync(db, period.Value, ct);
            if (!stale.IsSuccess)
                return Frozen(zh, en, label, state, new LocalizedText("其输入将无法读取：" + stale.Problems[0].Message.Zh, "its inputs could no longer be read: " + stale.Problems[0].Message.En));
            if (stale.Value is { } s)
                return Frozen(zh, en, label, state, new LocalizedText($"其第 {s.Run} 次计算读取的 {s.Sections.Zh} 将改变", $"it would change the {s.Sections.En} that its run {s.Run} read"));
        }

        return null;
    }

    private static Problem Frozen(string zh, string en, string label, PeriodState state, LocalizedText why) => Problem.Conflict("period",
        $"无法{zh}：周期 {label} 处于 {state} 状态，{why.Zh}；自 Approved 起周期读取的数据不能再更改，请只更改不影响该周期的数据（例如在其结束后生效的工资）",
        $"cannot {en}: period {label} is {state} and {why.En}; from Approved on, what a period reads cannot change, so change only what it does not read (such as a salary effective after it ends)",
        "period.frozen", label);
}
