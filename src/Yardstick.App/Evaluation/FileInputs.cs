using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;
using Yardstick.Core.Lifecycle;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;

namespace Yardstick.App.Evaluation;

/// <summary>The files of one file-based evaluation (scoring.md §10); all but the actuals are optional.</summary>
public sealed record EvaluationFiles(
    InputFile Actuals,
    InputFile? People = null,
    InputFile? Waivers = null,
    InputFile? Measures = null,
    InputFile? Events = null,
    InputFile? Stages = null,
    InputFile? Awards = null);

/// <summary>
/// The loader from files: reads and checks every file of an evaluation into <see cref="EvaluationInputs"/>, each
/// problem with its file, line and column. Who is evaluated: everyone with an actual or a row in the people file.
/// </summary>
public static class FileInputs
{
    /// <summary>Null when there is any problem (then <paramref name="problems"/> says why).</summary>
    public static EvaluationInputs? Load(SchemeDocument document, IReadOnlyList<ScorecardCalculator> calculators, EvaluationFiles files, Ledger ledger, bool proRata, Problems problems)
    {
        var period = calculators[0].Period;
        var schemes = calculators.Select(c => c.Scheme).ToList();
        var space = IndicatorSpace.Of(document, schemes);
        // the people file is read on a second core while this one reads the actuals (docs/performance.md); each into a
        // collector of its own, joined in the order a sequential read reports them: people, bundle, actuals
        var peopleProblems = new Problems();
        var readPeople = files.People is not { } peopleFile ? null : Task.Run(() => PeopleFile.Read(peopleFile, peopleProblems));
        var actualsProblems = new Problems();
        var actuals = ActualsFile.Read(files.Actuals, space, derivedAllowed: true, actualsProblems);
        var people = readPeople?.GetAwaiter().GetResult();
        problems.AddFrom(peopleProblems);
        if (document.IsBundle)
        {
            if (files.People is null)
                problems.In("people", $"'{document.Id}' 是生命周期方案：每个人的方案取决于其产品的阶段，因此需要带 product 列的人员文件",
                    $"'{document.Id}' is a lifecycle bundle: each person's scheme follows their product's stage, so a people file with a product column is required");
            if (files.Stages is null)
                problems.In("stages", $"'{document.Id}' 是生命周期方案：每个人的方案取决于其产品的阶段，因此需要阶段文件（product,stage,from）",
                    $"'{document.Id}' is a lifecycle bundle: each person's scheme follows their product's stage, so a stages file (product,stage,from) is required");
        }

        problems.AddFrom(actualsProblems);
        var personColumn = actuals.Columns is { } ac ? (Func<int, Location>)(line => ac.At(line, "person")) : _ => Location.At(files.Actuals.Name, 1, 1);
        // everyone evaluated: the people file's, then anyone only in the actuals
        var evaluated = new List<string>(people?.Count ?? actuals.People.Count);
        if (people is not null)
        {
            evaluated.AddRange(people.Keys);
            foreach (var (id, a) in actuals.People)
            {
                if (people.ContainsKey(id))
                    continue;
                problems.At(personColumn(a.FirstLine), $"人员 '{id}' 不在 {files.People!.Name} 中；请在那里为其添加一行", $"person '{id}' is not in {files.People!.Name}; add a row for them there");
                evaluated.Add(id);
            }
        }
        else
        {
            evaluated.AddRange(actuals.People.Keys);
        }

        CheckTeams(files, actuals, people, personColumn, problems);

        var ids = evaluated.ToArray();
        SortOrdinal(ids);
        bool IsEvaluated(string id) => people?.ContainsKey(id) == true || actuals.People.ContainsKey(id);

        var waivers = files.Waivers is null ? null : WaiversFile.Read(files.Waivers, space, IsEvaluated, checkAllWaived: !document.IsBundle, problems);
        var measures = new Measures();
        foreach (var m in actuals.Measures.Concat(files.Measures is null ? [] : MeasuresFile.Read(files.Measures, problems)))
            if (!measures.Set(m.Scope, m.Id, m.Name, m.Value))
                problems.At(Location.At(files.Measures!.Name, m.Line, 2), $"业务指标 '{m.Name}'（{m.Scope.ToString().ToLowerInvariant()}:{m.Id}）也出现在实际值文件中；请只保留一处",
                    $"measure '{m.Name}' of {m.Scope.ToString().ToLowerInvariant()}:{m.Id} is also in the actuals file; give it once");
        var events = files.Events is null ? [] : EventsFile.Read(files.Events, problems).Rows.Select(e => e.Event).ToList();
        var stageRows = files.Stages is null ? null : StagesFile.Read(files.Stages, problems).Rows;
        var stages = stageRows is null || problems.Any ? new Dictionary<string, StageHistory>(StringComparer.Ordinal) : StagesFile.Histories(files.Stages!.Name, stageRows, problems);
        var awards = new List<AwardNomination>();
        if (files.Awards is not null)
        {
            var rules = schemes.SelectMany(s => s.Scheme.Plan?.Rules ?? []).OfType<AwardRule>().DistinctBy(r => r.Code).ToDictionary(r => r.Code, StringComparer.Ordinal);
            var (rows, columns) = AwardsFile.Read(files.Awards, rules, document.Id, problems);
            foreach (var row in rows)
            {
                if (IsEvaluated(row.Nomination.Person))
                    awards.Add(row.Nomination);
                else
                    problems.At(columns!.At(row.Line, "person"), $"'{row.Nomination.Person}' 不在本次评估中；请提名有实际值或在人员文件中的人", $"'{row.Nomination.Person}' is not evaluated in this run; nominate someone with actuals or a row in the people file");
            }
        }

        if (problems.Any)
            return null;

        Location? Origin(string person) =>
            people?.GetValueOrDefault(person) is { } p ? Location.At(files.People!.Name, p.Line, 1)
            : actuals.People.TryGetValue(person, out var a) ? personColumn(a.FirstLine) : null;

        var inputs = new EvaluationInputs
        {
            Period = period,
            Document = document,
            Calculators = calculators,
            Space = space,
            People = ids,
            Info = people is null
                ? new Dictionary<string, PersonInfo>(StringComparer.Ordinal)
                : people.Values.ToDictionary(p => p.Id, p => new PersonInfo(p.Id, p.BaseSalary, p.Name, p.Team, p.Product, p.Share), StringComparer.Ordinal),
            Actuals = actuals.People.ToDictionary(kv => kv.Key, kv => kv.Value.Values, StringComparer.Ordinal),
            TeamActuals = actuals.Teams.ToDictionary(kv => kv.Key, kv => kv.Value.Values, StringComparer.Ordinal),
            Waivers = waivers is null
                ? new Dictionary<string, IReadOnlyDictionary<int, string>>(StringComparer.Ordinal)
                : waivers.ByPerson.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<int, string>)kv.Value, StringComparer.Ordinal),
            Measures = measures,
            Events = events,
            Awards = awards,
            Ledger = ledger,
            Stages = stages,
            ProRata = proRata,
            Origin = Origin,
        };

        if (document.IsBundle)
        {
            var assigned = StageAssignment.Assign(inputs);
            if (!assigned.IsSuccess)
                problems.AddRange(assigned.Problems);
            else
                CheckBundleCodes(files, inputs, actuals, waivers, assigned.Value, problems);
        }

        return problems.Any ? null : inputs;
    }

    /// <summary>Sorts ids by ordinal order; a file whose ids are already in that order (a people file usually is) is only checked.</summary>
    private static void SortOrdinal(string[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
        {
            if (string.CompareOrdinal(ids[i - 1], ids[i]) > 0)
            {
                Array.Sort(ids, StringComparer.Ordinal);
                return;
            }
        }
    }

    /// <summary>A team:ID row is the actual of a team someone in the people file belongs to.</summary>
    private static void CheckTeams(EvaluationFiles files, ActualsData actuals, Dictionary<string, PersonRow>? people, Func<int, Location> at, Problems problems)
    {
        if (actuals.Teams.Count == 0)
            return;
        var teams = people?.Values.Select(p => p.Team).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (team, a) in actuals.Teams)
        {
            if (people is null)
                problems.At(at(a.FirstLine), $"团队 '{team}'：团队实际值需要带 team 列的人员文件，才能知道团队成员", $"team '{team}': a team actual needs a people file with a team column, to know who its members are");
            else if (!teams.Contains(team))
            {
                var list = teams.Order(StringComparer.Ordinal).ToList();
                problems.At(at(a.FirstLine),
                    $"{files.People!.Name} 中没有人属于团队 '{team}'；请检查团队编号（那里的团队：{(list.Count == 0 ? "无" : string.Join(", ", list))}）",
                    $"no one in {files.People!.Name} belongs to team '{team}'; check the team id (teams there: {(list.Count == 0 ? "none" : string.Join(", ", list))})");
            }
        }
    }

    /// <summary>Under a bundle, a person's actual and waiver rows must name indicators of the schemes that evaluate them, and one must remain unwaived in each.</summary>
    private static void CheckBundleCodes(EvaluationFiles files, EvaluationInputs inputs, ActualsData actuals, WaiversData? waivers, Dictionary<string, StageAssignment> assignments, Problems problems)
    {
        var space = inputs.Space;
        HashSet<int> Allowed(StageAssignment a) => [.. a.Schemes.SelectMany(s => space.Maps[s])];
        string Names(StageAssignment a, string or) => string.Join(or, a.Schemes.Select(s => inputs.Calculators[s].Scheme.Scheme.Id));

        foreach (var (id, a) in actuals.People)
        {
            if (!assignments.TryGetValue(id, out var assignment))
                continue;
            var allowed = Allowed(assignment);
            for (var i = 0; i < a.Lines.Length; i++)
                if (a.Lines[i] != 0 && !allowed.Contains(i))
                    problems.At(actuals.Columns!.At(a.Lines[i], "indicator"),
                        $"'{space.Indicators[i].Code}' 不是 {Names(assignment, " 或 ")} 的指标，即本周期中 '{id}' 的产品所处阶段的方案",
                        $"'{space.Indicators[i].Code}' is not an indicator of {Names(assignment, " or ")}, the stage schemes of the product of '{id}' in this period");
        }

        if (waivers is null)
            return;
        foreach (var (id, map) in waivers.ByPerson)
        {
            if (!assignments.TryGetValue(id, out var assignment))
                continue;
            var allowed = Allowed(assignment);
            foreach (var i in map.Keys.Where(i => !allowed.Contains(i)))
                problems.At(waivers.Columns!.At(waivers.Lines[(id, i)], "indicator"),
                    $"'{space.Indicators[i].Code}' 不是 {Names(assignment, " 或 ")} 的指标，即本周期中 '{id}' 的产品所处阶段的方案",
                    $"'{space.Indicators[i].Code}' is not an indicator of {Names(assignment, " or ")}, the stage schemes of the product of '{id}' in this period");
            foreach (var s in assignment.Schemes)
                if (space.Maps[s].All(map.ContainsKey))
                    problems.At(waivers.Columns!.At(map.Keys.Max(i => waivers.Lines[(id, i)]), "indicator"),
                        $"'{id}' 在 {inputs.Calculators[s].Scheme.Scheme.Id} 中的所有指标都被豁免了；至少要保留一个",
                        $"every indicator of '{id}' in {inputs.Calculators[s].Scheme.Scheme.Id} is waived; at least one must remain");
        }
    }
}
