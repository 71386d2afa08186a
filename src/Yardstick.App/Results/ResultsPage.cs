using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.App.Evaluation;
using Yardstick.Core.Common;
using Yardstick.Core.Scoring;
using Yardstick.Data;

namespace Yardstick.App.Results;

/// <summary>
/// One line of a results page: pay (and its currency and provisional count) is null, and left out of the JSON, when the
/// user may not see the person's pay (review.md R2 <see cref="AccessAction.ViewPay"/>). <c>Rank</c> is the person's place by
/// total (highest first, equal totals share a place: 1, 1, 3) among everyone of the run the user may see, whatever the filters.
/// </summary>
public sealed record ResultRow(
    string Person, string Name, string? Team, int Rank, decimal Total, string? Grade, bool Complete, int Missing,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Pay,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Currency,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Provisional);

/// <summary>How many people hold a grade.</summary>
public sealed record GradeCount(string Grade, int Count);

/// <summary>
/// A page of results: its rows in person order, and the <c>after</c> of the next page (null on the last); <c>Grades</c> counts
/// per grade (the scheme's bands, highest first, every band even when empty) the people the user may see in the team filter,
/// before the grade filter and the paging; <c>Teams</c> the teams of the people the user may see, for a filter.
/// </summary>
public sealed record ResultsPageView(string Period, int Run, IReadOnlyList<ResultRow> Rows, string? Next, IReadOnlyList<GradeCount> Grades, IReadOnlyList<string> Teams);

/// <summary>
/// The current run of a period as pages for the API and the web pages: only the people whose scorecard the user may see,
/// pay only where they may see it, in person order (ordinal) after <c>after</c>, filtered by team and grade.
/// </summary>
public sealed class ResultsPage(YardstickDb db, GetResults results, CurrentUser? user = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ResultsPageView>> RunAsync(string period, int? limit = null, string? after = null, string? team = null, string? grade = null, CancellationToken ct = default)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
            return Problem.Invalid("limit", $"limit 应为 1 到 {MaxLimit} 之间的整数，而不是 {size}", $"limit must be a whole number from 1 to {MaxLimit}, not {size}", "results.limit", size.ToString(CultureInfo.InvariantCulture));
        var lines = await results.LinesAsync(period, ct);
        if (!lines.IsSuccess)
            return Result<ResultsPageView>.Fail(lines.Problems);
        var row = await db.Periods.AsNoTracking().SingleAsync(p => p.Id == lines.Value.Run.PeriodId, ct);
        var pay = await _access.PeopleAsync(AccessAction.ViewPay, row, ct);
        // teams of everyone visible (the team filter, the grade counts and the team list read them); names of this page's people only
        var teams = (await db.TeamMembers.AsNoTracking().Select(m => new { m.EmployeeId, m.TeamId }).ToListAsync(ct))
            .GroupBy(m => m.EmployeeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.TeamId).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var visible = lines.Value.Lines;
        var totals = visible.Select(l => l.Total).OrderDescending().ToList();
        var inTeam = visible.Where(l => team is null || (teams.GetValueOrDefault(l.Person)?.Contains(team, StringComparer.Ordinal) ?? false)).ToList();
        var chosen = inTeam
            .Where(l => after is null || string.CompareOrdinal(l.Person, after) > 0)
            .Where(l => grade is null || string.Equals(l.Grade, grade, StringComparison.Ordinal))
            .Take(size + 1)
            .ToList();
        var ids = chosen.Select(l => l.Person).ToList();
        var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct);
        var page = chosen
            .Select(l =>
            {
                var paid = pay.Contains(l.Person);
                return new ResultRow(l.Person, names.GetValueOrDefault(l.Person, l.Person), teams.GetValueOrDefault(l.Person)?.FirstOrDefault(), Rank(totals, l.Total),
                    l.Total, l.Grade, l.Complete, l.Missing, paid ? l.Pay : null, paid ? l.Currency : null, paid ? l.Provisional : null);
            })
            .ToList();
        var next = page.Count > size ? page[size - 1].Person : null;
        var scheme = await PeriodScheme.ForAsync(db, row, ct);
        var bands = scheme.IsSuccess ? scheme.Value.Schemes.SelectMany(s => s.Scheme.Grades).Select(g => g.Grade) : [];
        var held = inTeam.Where(l => l.Grade is not null).GroupBy(l => l.Grade!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var grades = bands.Concat(held.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).Select(g => new GradeCount(g, held.GetValueOrDefault(g))).ToList();
        var teamIds = visible.SelectMany(l => teams.GetValueOrDefault(l.Person) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new ResultsPageView(row.Label, lines.Value.Run.Number, page.Take(size).ToList(), next, grades, teamIds);
    }

    /// <summary>Every row the user may see (R11's <c>all=true</c> download), in person order, page after page of <see cref="MaxLimit"/>.</summary>
    public async Task<Result<ResultsPageView>> AllAsync(string period, string? team = null, string? grade = null, CancellationToken ct = default)
    {
        var rows = new List<ResultRow>();
        string? after = null;
        while (true)
        {
            var page = await RunAsync(period, MaxLimit, after, team, grade, ct);
            if (!page.IsSuccess)
                return page;
            rows.AddRange(page.Value.Rows);
            if (page.Value.Next is not { } next)
                return page.Value with { Rows = rows, Next = null };
            after = next;
        }
    }

    /// <summary>
    /// The rows as CSV (<see cref="Files.CsvOutput"/>: RFC 4180, text cells neutralised as review.md R8 asks): totals as the
    /// pages show them (two decimals, truncated, scoring.md §3), pay to the cent and empty where the user may not see it.
    /// </summary>
    public static void WriteCsv(TextWriter writer, IEnumerable<ResultRow> rows)
    {
        var csv = new Files.CsvOutput(writer);
        foreach (var header in new[] { "person", "name", "team", "rank", "total", "grade", "complete", "missing", "pay", "currency" })
            csv.Text(header);
        csv.EndRow();
        foreach (var r in rows)
        {
            csv.Text(r.Person).Text(r.Name).Text(r.Team).Number(r.Rank).Number(TraceFormat.TruncateScore(r.Total), "0.00").Text(r.Grade).Bool(r.Complete).Number(r.Missing);
            if (r.Pay is { } pay)
                csv.Number(pay, "0.00");
            else
                csv.Field("");
            csv.Text(r.Currency).EndRow();
        }
    }

    /// <summary><see cref="WriteCsv"/> as a file's bytes: UTF-8 with a BOM, so that Excel reads the Chinese names.</summary>
    public static byte[] CsvFile(IEnumerable<ResultRow> rows)
    {
        using var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
            WriteCsv(writer, rows);
        return bytes.ToArray();
    }

    // competition ranking over the totals, highest first: 1 + how many totals are higher
    private static int Rank(List<decimal> descending, decimal total)
    {
        int lo = 0, hi = descending.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (descending[mid] > total)
                lo = mid + 1;
            else
                hi = mid;
        }

        return lo + 1;
    }

    /// <summary>
    /// One person's scorecard of the current run with its trace in <paramref name="language"/>, as its §10 result object and
    /// <c>trace</c>, the scorecard's explanation (scoring.md §9, as <c>results --explain</c> prints it); without its payouts when
    /// the user may not see the person's pay. NotFound when the user may not see the scorecard.
    /// </summary>
    public async Task<Result<JsonObject>> ScorecardAsync(string period, string person, Language language, CancellationToken ct = default)
    {
        var found = await results.PersonAsync(period, person, AccessAction.ViewScorecard, ct);
        if (!found.IsSuccess)
            return Result<JsonObject>.Fail([.. found.Problems.Select(p => Hidden(p, person))]);
        var (view, result) = found.Value;
        using var buffer = new MemoryStream();
        await using (var w = new Utf8JsonWriter(buffer, ResultsJson.Compact))
            ResultsJson.WriteResult(w, result, view.Inputs.IsBundle, language);
        var card = JsonNode.Parse(buffer.ToArray())!.AsObject();
        card["trace"] = result.Trace(language);
        if (!(await _access.PeopleAsync(AccessAction.ViewPay, view.Period.Row, ct)).Contains(person))
            card.Remove("payouts");
        return card;
    }

    // R2: what the user may not see does not exist for them
    private static Problem Hidden(Problem p, string person) => p.Kind == ProblemKind.Forbidden
        ? Problem.NotFound("person", $"没有您可查看的 {person} 的记分卡", $"there is no scorecard of {person} you may see", "person.not_found", person)
        : p;
}
