using Yardstick.Cli.Commands;
using Yardstick.Cli.Input;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.Cli.Evaluation;

/// <summary>
/// Which scheme evaluates a person: <see cref="Scheme"/> (an index into <see cref="RunInputs.Calculators"/>)
/// on the period's last day; <see cref="Parts"/>, the schemes of the stages in effect during the period
/// with their days (-1: a stage without a scheme), whose actuals the files may hold; with
/// <see cref="ProRata"/> the total is weighted by them.
/// </summary>
internal sealed record Assignment(int Scheme, IReadOnlyList<(int Scheme, int Days)> Parts, bool ProRata)
{
    /// <summary>The schemes whose indicators the person's rows may name.</summary>
    public IEnumerable<int> Schemes => Parts.Select(p => p.Scheme).Append(Scheme).Where(s => s >= 0).Distinct();

    /// <summary>True when the total is weighted over more than one stage.</summary>
    public bool Weighted => ProRata && Parts.Count > 1;
}

/// <summary>
/// Every input of one evaluation, read and checked: the one loader behind <c>evaluate</c>,
/// <c>statement</c> and <c>whatif</c>. Each problem goes to <see cref="Problems"/> with its location;
/// <see cref="Load"/> returns null when there is any.
/// </summary>
internal sealed class RunInputs
{
    public required InputOptions Options { get; init; }
    public required Language Language { get; init; }
    public required Period Period { get; init; }
    public required SchemeDocument Document { get; init; }

    /// <summary>One calculator per scheme of the document (one, or one per stage of a bundle).</summary>
    public required ScorecardCalculator[] Calculators { get; init; }

    public required IndicatorSpace Space { get; init; }
    public required Dictionary<string, Person>? People { get; init; }
    public required ActualsData Actuals { get; init; }
    public required WaiversData? Waivers { get; init; }
    public required Measures Measures { get; init; }
    public required IReadOnlyList<MilestoneEvent> Events { get; init; }
    public required IReadOnlyList<AwardNomination> Awards { get; init; }
    public required Ledger Ledger { get; init; }
    public required StageMode StageMode { get; init; }

    /// <summary>Everyone evaluated, sorted by id (ordinal).</summary>
    public required string[] Ids { get; init; }

    public required Dictionary<string, Assignment> Assignments { get; init; }

    public bool IsBundle => Document.IsBundle;

    public bool HasPlan => Calculators.Any(c => c.Scheme.Plan is not null);

    /// <summary>The currency of the results: the first plan's, CNY without a plan.</summary>
    public string Currency => Calculators.Select(c => c.Scheme.Plan?.Plan.Currency).FirstOrDefault(c => c is not null) ?? Money.DefaultCurrency;

    public bool IsEvaluated(string id) => Assignments.ContainsKey(id);

    public string? NameOf(string id) => People?.GetValueOrDefault(id)?.Name;

    /// <param name="optionChecks">The command's own option checks, reported after --lang and before the scheme.</param>
    public static RunInputs? Load(InputOptions o, Problems problems, Action<Problems>? optionChecks = null)
    {
        var language = LocalizedText.ParseLanguage(o.Lang);
        if (language is null)
            problems.In("--lang", $"'{o.Lang}' is not a language; expected en or zh-CN");
        optionChecks?.Invoke(problems);
        var mode = o.StageMode == "pro-rata" ? StageMode.ProRata : StageMode.LastDay;

        var loaded = SchemeSource.LoadAll(o.Template, o.Scheme, problems);
        var period = Period.Parse(o.Period);
        if (!period.IsSuccess)
            foreach (var p in period.Problems)
                problems.In("--period", p.Message.En);

        ScorecardCalculator[]? calculators = null;
        if (loaded is { } l && period.IsSuccess)
        {
            var list = new List<ScorecardCalculator>();
            foreach (var scheme in l.Schemes)
            {
                var calc = ScorecardCalculator.Create(scheme, period.Value);
                if (calc.IsSuccess)
                    list.Add(calc.Value);
                else
                    foreach (var p in calc.Problems)
                        problems.In("--period", p.Message.En);
            }

            calculators = list.Count == l.Schemes.Length ? [.. list] : null;
        }

        if (loaded is { } b && !b.Document.IsBundle)
        {
            if (o.Stages is not null)
                problems.In("--stages", $"only a lifecycle bundle picks schemes by product stage; {b.Document.Id} is one scheme, leave --stages out");
            if (mode == StageMode.ProRata)
                problems.In("--stage-mode", $"pro-rata weighs the stage schemes of a lifecycle bundle; {b.Document.Id} is one scheme");
        }

        var people = o.People is null ? null : PeopleFile.Read(o.People, problems);
        if (loaded is { Document.IsBundle: true } bundle)
        {
            if (o.People is null)
                problems.In("--people", $"'{bundle.Document.Id}' is a lifecycle bundle: each person's scheme follows their product's stage, so --people with a product column is required");
            if (o.Stages is null)
                problems.In("--stages", $"'{bundle.Document.Id}' is a lifecycle bundle: each person's scheme follows their product's stage, so --stages FILE (product,stage,from) is required");
        }

        if (loaded is null || calculators is null)
        {
            TableFile.Check(o.Actuals, ["person", "indicator", "value"], problems); // without a scheme only the file's shape can be checked
            return null;
        }

        var schemes = loaded.Value.Schemes;
        var space = new IndicatorSpace(schemes, loaded.Value.Document.IsBundle ? loaded.Value.Document.Id : null);
        var actuals = ActualsFile.Read(o.Actuals, space, problems);
        if (people is not null)
            foreach (var (id, a) in actuals.People)
                if (!people.ContainsKey(id))
                    problems.At(o.Actuals, a.FirstLine, actuals.PersonColumn + 1, $"person '{id}' is not in {o.People}; add a row for them there");
        CheckTeams(o, actuals, people, problems);

        var ids = actuals.People.Keys.Union(people?.Keys ?? Enumerable.Empty<string>()).ToArray();
        Array.Sort(ids, string.CompareOrdinal);
        var idSet = ids.ToHashSet(StringComparer.Ordinal);

        var waivers = o.Waivers is null ? null : WaiversFile.Read(o.Waivers, space, idSet.Contains, checkAllWaived: !loaded.Value.Document.IsBundle, problems);
        var measures = o.Measures is null ? new Measures() : MeasuresFile.Read(o.Measures, problems);
        var events = o.Events is null ? [] : EventsFile.Read(o.Events, problems);
        var stages = o.Stages is null ? null : StagesFile.Read(o.Stages, problems);
        var awards = new List<AwardNomination>();
        if (o.Awards is not null)
        {
            foreach (var (nomination, line, column) in AwardsFile.Read(o.Awards, problems))
            {
                if (idSet.Contains(nomination.Person))
                    awards.Add(nomination);
                else
                    problems.At(o.Awards, line, column, $"'{nomination.Person}' is not evaluated in this run; nominate someone with actuals or a row in the people file");
            }
        }

        var ledger = o.Ledger is null ? Ledger.Empty : LedgerFile.Read(o.Ledger, problems);

        var assignments = new Dictionary<string, Assignment>(StringComparer.Ordinal);
        if (!loaded.Value.Document.IsBundle)
        {
            var single = new Assignment(0, [(0, period.Value.LastDay.DayNumber - period.Value.FirstDay.DayNumber + 1)], false);
            foreach (var id in ids)
                assignments[id] = single;
        }
        else if (people is not null && stages is not null)
        {
            Assign(o, loaded.Value.Document, calculators, period.Value, mode, ids, people, stages, assignments, problems);
            CheckBundleCodes(o, space, calculators, actuals, waivers, assignments, problems);
        }

        if (problems.Any || language is null || ledger is null)
            return null;

        return new RunInputs
        {
            Options = o,
            Language = language.Value,
            Period = period.Value,
            Document = loaded.Value.Document,
            Calculators = calculators,
            Space = space,
            People = people,
            Actuals = actuals,
            Waivers = waivers,
            Measures = measures,
            Events = events,
            Awards = awards,
            Ledger = ledger,
            StageMode = mode,
            Ids = ids,
            Assignments = assignments,
        };
    }

    /// <summary>A team:ID row is the actual of a team someone in --people belongs to.</summary>
    private static void CheckTeams(InputOptions o, ActualsData actuals, Dictionary<string, Person>? people, Problems problems)
    {
        if (actuals.Teams.Count == 0)
            return;
        var teams = people?.Values.Select(p => p.Team).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (team, a) in actuals.Teams)
        {
            if (people is null)
                problems.At(o.Actuals, a.FirstLine, actuals.PersonColumn + 1, $"team '{team}': a team actual needs --people with a team column, to know who its members are");
            else if (!teams.Contains(team))
                problems.At(o.Actuals, a.FirstLine, actuals.PersonColumn + 1, $"no one in {o.People} belongs to team '{team}'; check the team id (teams there: {(teams.Count == 0 ? "none" : string.Join(", ", teams.Order(StringComparer.Ordinal)))})");
        }
    }

    /// <summary>Each person's scheme: the stage of their product on the period's last day (and, pro rata, every stage's days).</summary>
    private static void Assign(
        InputOptions o, SchemeDocument document, ScorecardCalculator[] calculators, Period period, StageMode mode, string[] ids,
        Dictionary<string, Person> people, Dictionary<string, StageHistory> stages, Dictionary<string, Assignment> assignments, Problems problems)
    {
        int SchemeOf(string stage) => Array.FindIndex(calculators, c => c.Scheme.Scheme.Stage == stage);
        var available = string.Join(", ", calculators.Select(c => c.Scheme.Scheme.Stage));
        foreach (var id in ids)
        {
            if (!people.TryGetValue(id, out var person))
                continue; // reported: not in the people file
            if (person.Product is null)
            {
                problems.At(o.People!, person.Line, 1, $"'{id}' has no product; under the lifecycle bundle {document.Id} a person's scheme follows their product's stage, fill the product column");
                continue;
            }

            if (!stages.TryGetValue(person.Product, out var history))
            {
                problems.At(o.People!, person.Line, 1, $"product '{person.Product}' of '{id}' has no stage in {o.Stages}; add a row product,stage,from for it");
                continue;
            }

            var last = history.StageOn(period.LastDay);
            if (last is null)
            {
                problems.At(o.People!, person.Line, 1, $"product '{person.Product}' of '{id}' has no stage in effect on {period.LastDay:yyyy-MM-dd}, the last day of {period}; its first stage in {o.Stages} starts {history.Changes[0].From:yyyy-MM-dd}");
                continue;
            }

            var scheme = SchemeOf(last);
            if (scheme < 0)
            {
                problems.At(o.People!, person.Line, 1, $"product '{person.Product}' of '{id}' is in stage {last} on {period.LastDay:yyyy-MM-dd}, and {document.Id} has no scheme for it (stages: {available})");
                continue;
            }

            var parts = new List<(int, int)>();
            foreach (var (stage, days) in history.DaysIn(period))
            {
                var s = SchemeOf(stage);
                if (s < 0 && mode == StageMode.ProRata)
                    problems.At(o.People!, person.Line, 1, $"product '{person.Product}' of '{id}' is in stage {stage} for {days} days of {period}, and {document.Id} has no scheme for it (stages: {available}); pro rata needs one");
                parts.Add((s, days));
            }

            assignments[id] = new Assignment(scheme, parts, mode == StageMode.ProRata);
        }
    }

    /// <summary>Under a bundle, a person's actual and waiver rows must name indicators of the schemes that evaluate them.</summary>
    private static void CheckBundleCodes(InputOptions o, IndicatorSpace space, ScorecardCalculator[] calculators, ActualsData actuals, WaiversData? waivers, Dictionary<string, Assignment> assignments, Problems problems)
    {
        HashSet<int> Allowed(Assignment a) => [.. a.Schemes.SelectMany(s => space.Maps[s])];
        string Names(Assignment a) => string.Join(" or ", a.Schemes.Select(s => calculators[s].Scheme.Scheme.Id));

        foreach (var (id, a) in actuals.People)
        {
            if (!assignments.TryGetValue(id, out var assignment))
                continue;
            var allowed = Allowed(assignment);
            for (var i = 0; i < a.Lines.Length; i++)
                if (a.Lines[i] != 0 && !allowed.Contains(i))
                    problems.At(o.Actuals, a.Lines[i], actuals.IndicatorColumn + 1, $"'{space.Indicators[i].Code}' is not an indicator of {Names(assignment)}, the stage schemes of the product of '{id}' in this period");
        }

        if (waivers is null)
            return;
        foreach (var (id, map) in waivers.ByPerson)
        {
            if (!assignments.TryGetValue(id, out var assignment))
                continue;
            var allowed = Allowed(assignment);
            foreach (var i in map.Keys.Where(i => !allowed.Contains(i)))
                problems.At(o.Waivers!, waivers.Lines[(id, i)], waivers.IndicatorColumn + 1, $"'{space.Indicators[i].Code}' is not an indicator of {Names(assignment)}, the stage schemes of the product of '{id}' in this period");
            foreach (var s in assignment.Schemes)
                if (space.Maps[s].All(map.ContainsKey))
                    problems.At(o.Waivers!, map.Keys.Max(i => waivers.Lines[(id, i)]), waivers.IndicatorColumn + 1, $"every indicator of '{id}' in {calculators[s].Scheme.Scheme.Id} is waived; at least one must remain");
        }
    }
}
