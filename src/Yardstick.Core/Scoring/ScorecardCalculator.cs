using Yardstick.Core.Common;
using Yardstick.Core.Expressions;
using Yardstick.Core.Schemes;

namespace Yardstick.Core.Scoring;

/// <summary>One person's inputs to a scorecard.</summary>
/// <param name="Person">The person's id.</param>
/// <param name="Actuals">Actuals by indicator number (null: not entered). Formula-source entries are ignored.</param>
/// <param name="Waivers">Waived indicators by indicator number, with the reason.</param>
/// <param name="Names">Free names read by formulas (base_salary, team.*, product.*), or null.</param>
/// <param name="Adjustments">Review adjustments (review.md R3), or null.</param>
public sealed record ScorecardInput(
    string Person,
    decimal?[] Actuals,
    IReadOnlyDictionary<int, string>? Waivers = null,
    Func<string, decimal?>? Names = null,
    ScorecardAdjustments? Adjustments = null)
{
    /// <summary>Builds an input from codes; unknown codes throw (callers check codes when reading files).</summary>
    public static ScorecardInput FromCodes(
        CompiledScheme scheme,
        string person,
        IEnumerable<KeyValuePair<string, decimal>> actuals,
        IEnumerable<KeyValuePair<string, string>>? waivers = null,
        Func<string, decimal?>? names = null)
    {
        var values = new decimal?[scheme.Indicators.Length];
        foreach (var (code, value) in actuals)
            values[Index(scheme, code)] = value;
        var w = waivers?.ToDictionary(kv => Index(scheme, kv.Key), kv => kv.Value);
        return new ScorecardInput(person, values, w, names);
    }

    private static int Index(CompiledScheme scheme, string code) =>
        scheme.IndicatorIndex(code) is var i and >= 0 ? i : throw new KeyNotFoundException($"'{code}' is not an indicator of scheme {scheme.Scheme.Id}");
}

/// <summary>
/// Computes scorecards (scoring.md §2–3) for one scheme and one period. Create it once and call
/// <see cref="Evaluate"/> for every person; it keeps no state between calls and is thread-safe.
/// </summary>
public sealed class ScorecardCalculator
{
    private readonly decimal[] _hundredTimesWeight;

    private ScorecardCalculator(CompiledScheme scheme, Period period, decimal[] targets)
    {
        Scheme = scheme;
        Period = period;
        Targets = targets;
        _hundredTimesWeight = [.. scheme.Indicators.Select(i => 100m * i.Weight)];
    }

    /// <summary>The compiled scheme.</summary>
    public CompiledScheme Scheme { get; }

    /// <summary>The period.</summary>
    public Period Period { get; }

    /// <summary>Effective target of each indicator in this period (year-to-date targets prorated).</summary>
    public decimal[] Targets { get; }

    /// <summary>Prepares a calculator; a period shorter than the scheme's period kind is rejected.</summary>
    public static Result<ScorecardCalculator> Create(CompiledScheme scheme, Period period)
    {
        if (period.Kind < scheme.Scheme.PeriodKind)
        {
            var (kind, schemeKind) = (period.Kind, scheme.Scheme.PeriodKind);
            return Problem.Invalid("period",
                $"周期 {period} 是{ProblemText.Zh(kind)}周期，短于方案 {scheme.Scheme.Id} 的{ProblemText.Zh(schemeKind)}周期；请使用{ProblemText.Zh(schemeKind)}或更长的周期",
                $"period {period} is a {ProblemText.En(kind)}, shorter than the {ProblemText.En(schemeKind)} of scheme {scheme.Scheme.Id}; use a {ProblemText.En(schemeKind)} or a longer period");
        }

        var targets = new decimal[scheme.Indicators.Length];
        for (var i = 0; i < targets.Length; i++)
            targets[i] = EffectiveTarget(scheme.Indicators[i], period, scheme.Scheme.FiscalYearStart);
        return new ScorecardCalculator(scheme, period, targets);
    }

    /// <summary>
    /// The effective target: a year-to-date target is <c>target × m / 12</c> for a period ending in
    /// month <c>m</c> of the fiscal year; a yearly period uses the whole target.
    /// </summary>
    public static decimal EffectiveTarget(Indicator indicator, Period period, int fiscalYearStart) =>
        !indicator.Ytd || period.Kind == PeriodKind.Year
            ? indicator.Target
            : indicator.Target * period.FiscalMonthAtEnd(fiscalYearStart) / 12m;

    /// <summary>
    /// Computes one scorecard. Fails only when every indicator is waived.
    /// </summary>
    public Result<ScorecardResult> Evaluate(ScorecardInput input)
    {
        var s = Scheme;
        var count = s.Indicators.Length;
        if (input.Actuals.Length != count)
            throw new ArgumentException($"expected {count} actuals, got {input.Actuals.Length}", nameof(input));

        var work = new Work(this, input);
        foreach (var step in s.Order)
        {
            if (step.ScoreStage)
                work.ScoreIndicator(step.Indicator);
            else
                work.ComputeActual(step.Indicator);
        }

        var ind = work.Results;
        decimal waived = 0, rawTotal = 0;
        var waivedCount = 0;
        for (var i = 0; i < count; i++)
        {
            if (ind[i].Waived)
            {
                waived += s.Indicators[i].Weight;
                waivedCount++;
            }
            else
            {
                rawTotal += ind[i].RawPoints;
            }
        }

        if (waivedCount == count)
            return Problem.Invalid(input.Person, "所有指标都已豁免；至少须保留一个指标", "every indicator is waived; at least one must remain");

        var remaining = 1m - waived;
        if (waived != 0)
        {
            for (var i = 0; i < count; i++)
            {
                var r = ind[i];
                if (!r.Waived)
                    ind[i] = r with { Weight = s.Indicators[i].Weight / remaining, Points = r.RawPoints / remaining };
            }
        }

        var groups = Aggregate(s, ind, waived, remaining);
        var total = waived == 0 ? rawTotal : rawTotal / remaining;
        // R3 points: added to the reported total (after waivers, unscaled); the grade is taken from the sum
        if (input.Adjustments?.Points is { } added)
            total += added.Value;
        return new ScorecardResult(s, Period, input.Person, ind, groups, waived, rawTotal, total, GradeOf(total), input.Waivers,
            input.Adjustments is { IsEmpty: false } adjusted ? new AppliedAdjustments(adjusted, work.CorrectedFrom, work.Unapplied) : null);
    }

    /// <summary>Group results in one pass from the last node to the first, each node adding into its parent.</summary>
    private static GroupResults Aggregate(CompiledScheme s, IndicatorResult[] ind, decimal waived, decimal remaining)
    {
        var n = s.Nodes.Length;
        Span<decimal> weight = n <= 128 ? stackalloc decimal[n] : new decimal[n];
        Span<decimal> points = n <= 128 ? stackalloc decimal[n] : new decimal[n];
        Span<byte> flags = n <= 512 ? stackalloc byte[n] : new byte[n]; // 1: an indicator remains, 2: one is missing
        for (var node = n - 1; node >= 0; node--)
        {
            if (s.NodeIndicator[node] is var i and >= 0 && !ind[i].Waived)
            {
                weight[node] = s.Indicators[i].Weight;
                points[node] = ind[i].RawPoints;
                flags[node] = (byte)(ind[i].Missing ? 3 : 1);
            }

            if (s.Parent[node] is var p and >= 0 && flags[node] != 0)
            {
                weight[p] += weight[node];
                points[p] += points[node];
                flags[p] |= flags[node];
            }
        }

        var groups = new GroupResult[s.GroupCount];
        for (var node = 0; node < n; node++)
        {
            if (s.NodeGroup[node] is not (var g and >= 0))
                continue;
            var left = (flags[node] & 1) != 0;
            groups[g] = new GroupResult(
                weight[node],
                points[node],
                waived == 0 ? weight[node] : weight[node] / remaining,
                waived == 0 ? points[node] : points[node] / remaining,
                left && weight[node] != 0 ? points[node] / (100m * weight[node]) : null,
                !left,
                (flags[node] & 2) != 0);
        }

        return new GroupResults(groups, s.NodeGroup);
    }

    /// <summary>The grade of an unrounded total: the first band whose minimum it reaches (inclusive).</summary>
    public string? GradeOf(decimal total)
    {
        foreach (var band in Scheme.Scheme.Grades)
            if (band.Min is not { } min || total >= min)
                return band.Grade;
        return null;
    }

    /// <summary>The achievement <c>a</c> of a non-formula rule (scoring.md §2).</summary>
    public static decimal Achieve(Indicator ind, decimal actual, decimal target)
    {
        var higher = ind.Direction == Direction.Higher;
        switch (ind.Rule)
        {
            case RuleKind.Ratio:
                return higher ? actual / target : actual <= 0 ? ind.Cap : target / actual;
            case RuleKind.Threshold:
                return (higher ? actual >= target : actual <= target) ? 1m : 0m;
            case RuleKind.Linear:
                var zero = ind.Zero!.Value;
                return (actual - zero) / (target - zero);
            case RuleKind.Bands:
                decimal a = 0;
                foreach (var band in ind.Bands!)
                {
                    if (higher ? band.From <= actual : band.From >= actual)
                        a = band.Achievement;
                    else
                        break;
                }

                return a;
            case RuleKind.Formula:
                throw new InvalidOperationException("formula rules are evaluated with a scope");
            default:
                throw new InvalidOperationException($"unknown rule {ind.Rule}");
        }
    }

    /// <summary>The state of one evaluation; also the scope formulas read while scoring.</summary>
    private sealed class Work(ScorecardCalculator calc, ScorecardInput input) : EvalScope
    {
        private readonly CompiledScheme _s = calc.Scheme;
        private readonly decimal?[] _actuals = calc.Scheme.HasFormulaSources || input.Adjustments?.Actuals is { Count: > 0 }
            ? (decimal?[])input.Actuals.Clone()
            : input.Actuals;
        private readonly decimal _remaining = 1m - (input.Waivers?.Keys.Sum(i => calc.Scheme.Indicators[i].Weight) ?? 0m);

        public IndicatorResult[] Results { get; } = new IndicatorResult[calc.Scheme.Indicators.Length];

        /// <summary>The actual each applied <c>actual</c> adjustment replaced, by indicator number.</summary>
        public Dictionary<int, decimal>? CorrectedFrom { get; private set; }

        /// <summary>The adjustments not applied because their indicator is missing or waived.</summary>
        public List<(AdjustedKind Kind, int Indicator)>? Unapplied { get; private set; }

        public void ComputeActual(int i)
        {
            if (_s.SourceFormulas[i] is { } f)
            {
                ReadMissing = false;
                _actuals[i] = f.Evaluate(this).AsNumber;
            }

            // R3: a corrected actual replaces the value before anything reads it; a missing or waived one is not corrected
            if (input.Adjustments?.Actuals is { } corrected && corrected.TryGetValue(i, out var adjusted))
            {
                if (_actuals[i] is { } before && input.Waivers?.ContainsKey(i) != true)
                {
                    (CorrectedFrom ??= [])[i] = before;
                    _actuals[i] = adjusted.Value;
                }
                else
                {
                    (Unapplied ??= []).Add((AdjustedKind.Actual, i));
                }
            }
        }

        public void ScoreIndicator(int i)
        {
            var ind = _s.Indicators[i];
            var target = calc.Targets[i];
            var actual = _actuals[i];
            var scoreAdjusted = input.Adjustments?.Scores is { } scores && scores.ContainsKey(i);
            if (input.Waivers is { } w && w.ContainsKey(i))
            {
                if (scoreAdjusted)
                    (Unapplied ??= []).Add((AdjustedKind.Score, i));
                Results[i] = new IndicatorResult(actual, target, null, 0m, 0m, 0m, 0m, false, true);
                return;
            }

            decimal? a = null;
            if (actual is { } v)
            {
                if (_s.RuleFormulas[i] is { } rule)
                {
                    ReadMissing = false;
                    a = rule.Evaluate(this).AsNumber;
                }
                else
                {
                    a = Achieve(ind, v, target);
                }
            }

            if (a is not { } achieved)
            {
                if (scoreAdjusted)
                    (Unapplied ??= []).Add((AdjustedKind.Score, i));
                Results[i] = new IndicatorResult(actual, target, null, 0m, 0m, ind.Weight, 0m, true, false);
                return;
            }

            // R3: an adjusted score replaces the computed one; points, groups, total and grade follow from it
            var score = scoreAdjusted ? input.Adjustments!.Scores![i].Value
                : achieved < ind.Floor ? ind.Floor : achieved > ind.Cap ? ind.Cap : achieved;
            var points = calc._hundredTimesWeight[i] * score;
            Results[i] = new IndicatorResult(actual, target, achieved, score, points, ind.Weight, points, false, false);
        }

        /// <summary>Raw weight and points of a group's remaining indicators.</summary>
        public (decimal Weight, decimal Points, bool AnyLeft, bool AnyMissing) Aggregate(int node)
        {
            decimal weight = 0, points = 0;
            bool anyLeft = false, anyMissing = false;
            for (var d = node + 1; d < _s.SubtreeEnd[node]; d++)
            {
                var i = _s.NodeIndicator[d];
                if (i < 0 || Results[i].Waived)
                    continue;
                anyLeft = true;
                anyMissing |= Results[i].Missing;
                weight += _s.Indicators[i].Weight;
                points += Results[i].RawPoints;
            }

            return (weight, points, anyLeft, anyMissing);
        }

        public override XValue Actual(int indicator)
        {
            if (input.Waivers?.ContainsKey(indicator) == true)
                return XValue.Missing;
            var v = _actuals[indicator];
            if (v is null)
                ReadMissing = true;
            return XValue.Of(v);
        }

        public override XValue Score(int indicator)
        {
            var r = Results[indicator];
            ReadMissing |= r.Missing;
            return r.Waived ? XValue.Missing : XValue.Of(r.Score);
        }

        public override XValue Achievement(int node)
        {
            if (_s.NodeIndicator[node] is var i and >= 0)
                return Score(i);
            var (weight, points, anyLeft, anyMissing) = Aggregate(node);
            ReadMissing |= anyMissing;
            return anyLeft && weight != 0 ? XValue.Of(points / (100m * weight)) : XValue.Missing;
        }

        public override XValue Points(int node)
        {
            if (_s.NodeIndicator[node] is var i and >= 0)
            {
                var r = Results[i];
                ReadMissing |= r.Missing;
                return r.Waived ? XValue.Missing : XValue.Of(Reported(r.RawPoints));
            }

            var (_, points, anyLeft, anyMissing) = Aggregate(node);
            ReadMissing |= anyMissing;
            return anyLeft ? XValue.Of(Reported(points)) : XValue.Missing;
        }

        public override XValue Name(string name) => XValue.Of(input.Names?.Invoke(name));

        private decimal Reported(decimal raw) => _remaining == 1m ? raw : raw / _remaining;
    }
}
