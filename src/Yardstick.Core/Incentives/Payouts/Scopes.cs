using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Scoring;
using static Yardstick.Core.Common.TraceFormat;

namespace Yardstick.Core.Incentives.Payouts;

/// <summary>A person's scorecard with base_salary and the person's team, product and own measures; reused across people.</summary>
internal sealed class PersonScope(Measures measures) : ScorecardScope
{
    private PersonInfo? _info;

    public void Reset(ScorecardResult card, PersonInfo? info)
    {
        Card = card;
        _info = info;
        ReadMissing = false;
    }

    public override XValue Name(string name) =>
        XValue.Of(name == Formula.BaseSalary ? _info?.BaseSalary : measures.Resolve(name, _info));
}

/// <summary>Reads only free names (product measures); codes read as missing.</summary>
internal sealed class NamesScope(Func<string, decimal?> names) : EvalScope
{
    public override XValue Actual(int indicator) => XValue.Missing;
    public override XValue Score(int indicator) => XValue.Missing;
    public override XValue Achievement(int node) => XValue.Missing;
    public override XValue Points(int node) => XValue.Missing;
    public override XValue Name(string name) => XValue.Of(names(name));
}

/// <summary>Reads a team's team-level actuals and team.* measures (pool conditions and measures).</summary>
internal sealed class TeamScope(CompiledScheme scheme, string team, PayoutInput input) : EvalScope
{
    private decimal? TeamActual(int indicator) =>
        input.TeamActuals is { } t && t.TryGetValue(team, out var a) ? a[indicator] : null;

    public override XValue Actual(int indicator)
    {
        var v = TeamActual(indicator);
        if (v is null)
            ReadMissing = true;
        return XValue.Of(v);
    }

    public override XValue Score(int indicator) => XValue.Missing;
    public override XValue Achievement(int node) => XValue.Missing;
    public override XValue Points(int node) => XValue.Missing;

    public override XValue Name(string name) =>
        XValue.Of(name.StartsWith("team.", StringComparison.Ordinal) ? input.Measures.Get(MeasureScope.Team, team, name["team.".Length..]) : null);

    public string Describe(Formula f, Language lang)
    {
        var parts = f.ActualCodes.Select(c => TeamActual(scheme.IndicatorIndex(c)) is { } v ? $"{c} = {Input(v)}" : $"{c} {(lang == Language.En ? "missing" : "缺失")}")
            .Concat(f.FreeNames.Select(n => Name(n).AsNumber is { } v ? $"{n} = {Input(v)}" : $"{n} {(lang == Language.En ? "missing" : "缺失")}"))
            .ToList();
        return parts.Count == 0 ? "" : lang == Language.En ? $" ({string.Join(", ", parts)})" : $"（{string.Join("，", parts)}）";
    }
}
