using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Evaluation;

/// <summary>
/// Every input of one evaluation, the one model that both loaders fill — from files (<c>evaluate</c>,
/// <c>statement</c>, <c>whatif</c>) and from the system of record (<c>calc</c>) — and that
/// <see cref="Evaluator.Evaluate"/> reads. Actuals and waivers are indexed by the <see cref="Space"/>; derived
/// indicators (request response rate, 360 ratings) are already among the actuals, automatic waivers among the waivers.
/// </summary>
public sealed class EvaluationInputs
{
    /// <summary>
    /// Inputs with the adjustments and final grades replaced (a review re-run: the same inputs, the adjustments and final grades
    /// as they are now); without <paramref name="finalGrades"/> there are none (the calibration view's "before").
    /// </summary>
    public EvaluationInputs WithAdjustments(IReadOnlyDictionary<string, IReadOnlyList<PersonAdjustment>> adjustments, IReadOnlyDictionary<string, FinalGrade>? finalGrades = null) => new()
    {
        Period = Period, Document = Document, Calculators = Calculators, Space = Space, People = People, Info = Info,
        Actuals = Actuals, TeamActuals = TeamActuals, Waivers = Waivers, Measures = Measures, Events = Events, Awards = Awards,
        Ledger = Ledger, Stages = Stages, ProRata = ProRata, Origin = Origin, Adjustments = adjustments, FinalGrades = finalGrades ?? NoFinalGrades,
    };

    public required Period Period { get; init; }

    /// <summary>The scheme document: one scheme, or a lifecycle bundle of stage schemes.</summary>
    public required SchemeDocument Document { get; init; }

    /// <summary>One calculator per scheme of the document, in the document's order.</summary>
    public required IReadOnlyList<ScorecardCalculator> Calculators { get; init; }

    public required IndicatorSpace Space { get; init; }

    /// <summary>Everyone evaluated, sorted by id (ordinal).</summary>
    public required IReadOnlyList<string> People { get; init; }

    /// <summary>What the payout engine knows of a person (base salary, name, team, product, share); someone without an entry has only their id.</summary>
    public required IReadOnlyDictionary<string, PersonInfo> Info { get; init; }

    /// <summary>Each person's own actuals, by space index.</summary>
    public required IReadOnlyDictionary<string, decimal?[]> Actuals { get; init; }

    /// <summary>Each team's actuals of team indicators, by space index (scoring.md §7).</summary>
    public required IReadOnlyDictionary<string, decimal?[]> TeamActuals { get; init; }

    /// <summary>Each person's waived indicators (space index → reason).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> Waivers { get; init; }

    public required Measures Measures { get; init; }

    public required IReadOnlyList<MilestoneEvent> Events { get; init; }

    public required IReadOnlyList<AwardNomination> Awards { get; init; }

    /// <summary>What earlier periods paid and graded.</summary>
    public required Ledger Ledger { get; init; }

    /// <summary>Each product's lifecycle stages (read under a lifecycle bundle).</summary>
    public required IReadOnlyDictionary<string, StageHistory> Stages { get; init; }

    /// <summary>The organisation's <c>pro_rata</c>: a stage change inside the period weights each stage's total by its days (§6).</summary>
    public required bool ProRata { get; init; }

    /// <summary>Each person's review adjustments (review.md R3), in a stable order; empty outside review.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PersonAdjustment>> Adjustments { get; init; } = NoAdjustments;

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<PersonAdjustment>> NoAdjustments =
        new Dictionary<string, IReadOnlyList<PersonAdjustment>>(StringComparer.Ordinal);

    /// <summary>Each person's final grade set in calibration (review.md R4), replacing the computed grade downstream; empty outside review.</summary>
    public IReadOnlyDictionary<string, FinalGrade> FinalGrades { get; init; } = NoFinalGrades;

    private static readonly IReadOnlyDictionary<string, FinalGrade> NoFinalGrades = new Dictionary<string, FinalGrade>(StringComparer.Ordinal);

    /// <summary>Where a person is described (file-based: their line in the people file), for the problems about them; none when null.</summary>
    public Func<string, Location?>? Origin { get; init; }

    public bool IsBundle => Document.IsBundle;

    public bool HasPlan => Calculators.Any(c => c.Scheme.Plan is not null);

    /// <summary>The currency of the results: the first plan's, CNY without a plan.</summary>
    public string Currency => Calculators.Select(c => c.Scheme.Plan?.Plan.Currency).FirstOrDefault(c => c is not null) ?? Money.DefaultCurrency;

    /// <summary>The person's info; their id alone when none was given.</summary>
    public PersonInfo InfoOf(string person) => Info.TryGetValue(person, out var p) ? p : new PersonInfo(person);

    /// <summary>Prepares a calculator per scheme for the period; the period may be too short for a scheme.</summary>
    public static Result<ScorecardCalculator[]> CalculatorsFor(IReadOnlyList<CompiledScheme> schemes, Period period)
    {
        var calculators = new ScorecardCalculator[schemes.Count];
        var problems = new List<Problem>();
        for (var s = 0; s < schemes.Count; s++)
        {
            var calculator = ScorecardCalculator.Create(schemes[s], period);
            if (calculator.IsSuccess)
                calculators[s] = calculator.Value;
            else
                problems.AddRange(calculator.Problems);
        }

        return problems.Count > 0 ? Result<ScorecardCalculator[]>.Fail(problems) : calculators;
    }
}

/// <summary>A final grade set in calibration (review.md R4): the grade, who set it and why.</summary>
public sealed record FinalGrade(string Grade, string Author, string Reason)
{
    /// <summary>The stored kind of an adjustment row holding a final grade.</summary>
    public const string Kind = "grade";

    /// <summary>
    /// The trace line of a calibrated grade: <c>calibrated: A → B (by li_ming: …)</c>, <c>校准：A → B（由 li_ming 校准：…）</c>.
    /// </summary>
    public string Trace(string? computed, Language language) => language == Language.ZhCN
        ? $"校准：{computed ?? "-"} → {Grade}（由 {Author} 校准：{Reason}）"
        : $"calibrated: {computed ?? "-"} → {Grade} (by {Author}: {Reason})";
}

/// <summary>A review adjustment of one person (review.md R3) as an evaluation applies it: kind, indicator code (empty for points), value, who and why.</summary>
public sealed record PersonAdjustment(AdjustedKind Kind, string Indicator, decimal Value, string Author, string Reason)
{
    /// <summary>The stored name of a kind.</summary>
    public static string KindName(AdjustedKind kind) => kind switch
    {
        AdjustedKind.Actual => "actual",
        AdjustedKind.Score => "score",
        AdjustedKind.Points => "points",
    };

    /// <summary>The kind of a stored name, or null.</summary>
    public static AdjustedKind? KindOf(string name) => name switch
    {
        "actual" => AdjustedKind.Actual,
        "score" => AdjustedKind.Score,
        "points" => AdjustedKind.Points,
        _ => null,
    };

    /// <summary>The adjustments of a person for one scheme: those whose indicator the scheme has (all points ones), or null.</summary>
    public static ScorecardAdjustments? For(CompiledScheme scheme, IReadOnlyList<PersonAdjustment>? list)
    {
        if (list is null || list.Count == 0)
            return null;
        Dictionary<int, Adjusted>? actuals = null, scores = null;
        Adjusted? points = null;
        foreach (var a in list)
        {
            var adjusted = new Adjusted(a.Value, a.Author, a.Reason);
            if (a.Kind == AdjustedKind.Points)
            {
                points = adjusted;
                continue;
            }

            if (scheme.IndicatorIndex(a.Indicator) is not (var i and >= 0))
                continue;
            if (a.Kind == AdjustedKind.Actual)
                (actuals ??= [])[i] = adjusted;
            else
                (scores ??= [])[i] = adjusted;
        }

        return new ScorecardAdjustments(actuals, scores, points);
    }
}
