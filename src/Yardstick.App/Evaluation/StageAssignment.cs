using Yardstick.Core.Common;

namespace Yardstick.App.Evaluation;

/// <summary>
/// Which scheme evaluates a person: <see cref="Scheme"/> (an index into the evaluation's calculators) on the
/// period's last day; <see cref="Parts"/>, the schemes of the stages in effect during the period with their days
/// (-1: a stage without a scheme); with <see cref="ProRata"/> the total is weighted by them (scoring.md §6).
/// </summary>
public sealed record StageAssignment(int Scheme, IReadOnlyList<(int Scheme, int Days)> Parts, bool ProRata)
{
    /// <summary>The schemes whose indicators the person's actuals may name.</summary>
    public IEnumerable<int> Schemes => Parts.Select(p => p.Scheme).Append(Scheme).Where(s => s >= 0).Distinct();

    /// <summary>True when the total is weighted over more than one stage.</summary>
    public bool Weighted => ProRata && Parts.Count > 1;

    /// <summary>The assignment of everyone outside a lifecycle bundle: the one scheme, all the period.</summary>
    public static StageAssignment Single(Period period) => new(0, [(0, period.LastDay.DayNumber - period.FirstDay.DayNumber + 1)], false);

    /// <summary>
    /// Each person's scheme: the period's one scheme, or under a lifecycle bundle the stage scheme of their
    /// product's stage on the period's last day. A person without a product, a product without a stage on that
    /// day, or a stage without a scheme in the bundle is a problem naming the person (at their origin, if known).
    /// </summary>
    public static Result<Dictionary<string, StageAssignment>> Assign(EvaluationInputs inputs)
    {
        var result = new Dictionary<string, StageAssignment>(StringComparer.Ordinal);
        var period = inputs.Period;
        if (!inputs.IsBundle)
        {
            var single = Single(period);
            foreach (var person in inputs.People)
                result[person] = single;
            return result;
        }

        var calculators = inputs.Calculators;
        int SchemeOf(string stage)
        {
            for (var s = 0; s < calculators.Count; s++)
                if (calculators[s].Scheme.Scheme.Stage == stage)
                    return s;
            return -1;
        }

        var bundle = inputs.Document.Id;
        var available = string.Join(", ", calculators.Select(c => c.Scheme.Scheme.Stage));
        var last = Files.Dates.Format(period.LastDay);
        var problems = new List<Problem>();
        void Fail(string person, string zh, string en, string code) =>
            problems.Add(Problem.Invalid(inputs.Origin?.Invoke(person) ?? Location.Of(person), zh, en, code, person));

        foreach (var person in inputs.People)
        {
            if (inputs.InfoOf(person).Product is not { } product)
            {
                Fail(person, $"'{person}' 没有负责的产品；在生命周期方案 {bundle} 下，产品经理的方案取决于其产品所处的阶段，请为其指定产品",
                    $"'{person}' owns no product; under the lifecycle bundle {bundle} a PM's scheme follows their product's stage, so give them a product", "person.no_product");
                continue;
            }

            var history = inputs.Stages.GetValueOrDefault(product);
            if (history?.StageOn(period.LastDay) is not { } stage)
            {
                if (history is null)
                    Fail(person, $"'{person}' 的产品 '{product}' 没有生命周期阶段；计算 {period} 之前请记录其阶段历史（产品、阶段、起始日）",
                        $"product '{product}' of '{person}' has no lifecycle stage; record its stage history (product, stage, from) before calculating {period}", "product.no_stage");
                else
                    Fail(person, $"'{person}' 的产品 '{product}' 在 {period} 的最后一天 {last} 没有生效的阶段；其第一个阶段从 {Files.Dates.Format(history.Changes[0].From)} 开始",
                        $"product '{product}' of '{person}' has no stage in effect on {last}, the last day of {period}; its first stage starts {Files.Dates.Format(history.Changes[0].From)}", "product.no_stage");
                continue;
            }

            var scheme = SchemeOf(stage);
            if (scheme < 0)
            {
                Fail(person, $"'{person}' 的产品 '{product}' 在 {last} 处于 {stage} 阶段，而 {bundle} 没有该阶段的方案（阶段：{available}）",
                    $"product '{product}' of '{person}' is in stage {stage} on {last}, and {bundle} has no scheme for it (stages: {available})", "bundle.no_stage_scheme");
                continue;
            }

            var parts = new List<(int, int)>();
            foreach (var (partStage, days) in history.DaysIn(period))
            {
                var s = SchemeOf(partStage);
                if (s < 0 && inputs.ProRata)
                    Fail(person, $"'{person}' 的产品 '{product}' 在 {period} 中有 {days} 天处于 {partStage} 阶段，而 {bundle} 没有该阶段的方案（阶段：{available}）；按天加权需要它",
                        $"product '{product}' of '{person}' is in stage {partStage} for {days} days of {period}, and {bundle} has no scheme for it (stages: {available}); pro rata needs one", "bundle.no_stage_scheme");
                parts.Add((s, days));
            }

            result[person] = new StageAssignment(scheme, parts, inputs.ProRata);
        }

        return problems.Count > 0 ? Result<Dictionary<string, StageAssignment>>.Fail(problems) : result;
    }
}
