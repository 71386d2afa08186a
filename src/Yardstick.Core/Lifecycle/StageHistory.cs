using Yardstick.Core.Common;

namespace Yardstick.Core.Lifecycle;

/// <summary>A product's lifecycle stage from a date on (scoring.md §6).</summary>
/// <param name="Stage">startup, growth, mature or decline.</param>
/// <param name="From">The first day the stage is in effect.</param>
public sealed record StageChange(string Stage, DateOnly From);

/// <summary>How a stage change inside a period is handled (a company setting).</summary>
public enum StageMode
{
    /// <summary>The stage in effect on the period's last day (the default).</summary>
    LastDay,
    /// <summary>Each stage's total score weighted by the days it was in effect.</summary>
    ProRata,
}

/// <summary>The stage history of one product.</summary>
public sealed class StageHistory
{
    /// <summary>The stages a product can be in.</summary>
    public static readonly IReadOnlyList<string> Stages = ["startup", "growth", "mature", "decline"];

    private readonly List<StageChange> _changes;

    private StageHistory(List<StageChange> changes) => _changes = changes;

    /// <summary>The changes, oldest first.</summary>
    public IReadOnlyList<StageChange> Changes => _changes;

    /// <summary>Builds a history; two changes on the same day or an unknown stage are rejected.</summary>
    public static Result<StageHistory> Create(string product, IEnumerable<StageChange> changes)
    {
        var list = changes.OrderBy(c => c.From).ToList();
        var problems = new List<Problem>();
        foreach (var c in list.Where(c => !Stages.Contains(c.Stage)))
            problems.Add(Problem.Invalid(product, $"未知的生命周期阶段 '{c.Stage}'；应为 {ProblemText.ZhList(Stages)} 之一", $"unknown stage '{c.Stage}'; expected {string.Join(", ", Stages)}"));
        for (var i = 1; i < list.Count; i++)
            if (list[i].From == list[i - 1].From)
                problems.Add(Problem.Invalid(product, $"两个生命周期阶段都从 {list[i].From:yyyy-MM-dd} 开始（{list[i - 1].Stage}、{list[i].Stage}）；请只保留一个", $"two stages start on {list[i].From:yyyy-MM-dd} ({list[i - 1].Stage}, {list[i].Stage}); keep one"));
        return problems.Count > 0 ? Result<StageHistory>.Fail(problems) : new StageHistory(list);
    }

    /// <summary>The stage in effect on <paramref name="day"/>, or null before the first change.</summary>
    public string? StageOn(DateOnly day) => _changes.LastOrDefault(c => c.From <= day)?.Stage;

    /// <summary>The days each stage was in effect within <paramref name="period"/>, in order; days before the first change are not counted.</summary>
    public IReadOnlyList<(string Stage, int Days)> DaysIn(Period period)
    {
        var result = new List<(string Stage, int Days)>();
        for (var day = period.FirstDay; day <= period.LastDay; day = day.AddDays(1))
        {
            if (StageOn(day) is not { } stage)
                continue;
            if (result.Count > 0 && result[^1].Stage == stage)
                result[^1] = (stage, result[^1].Days + 1);
            else
                result.Add((stage, 1));
        }

        return result;
    }
}
