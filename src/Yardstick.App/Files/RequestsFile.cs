using System.Globalization;
using Yardstick.Core.Requests;

namespace Yardstick.App.Files;

/// <summary>A cross-department request as read from its file; times as instants.</summary>
public sealed record RequestFileRow(int Line, string Id, string Person, string FromDepartment, DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? SolutionAt);

/// <summary>
/// The request log format (scoring.md §8): <c>id,person,created_at,first_response_at,solution_at</c>, optionally
/// <c>from</c> (the requesting department). Times are <c>YYYY-MM-DD HH:MM</c> in the company time zone or ISO 8601
/// with an offset; empty response and solution are allowed.
/// </summary>
public static class RequestsFile
{
    private static readonly string[] Required = ["id", "person", "created_at", "first_response_at", "solution_at"];
    private static readonly string[] Optional = ["from"];
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    public static (List<RequestFileRow> Rows, TableColumns? Columns) Read(InputFile file, RequestSla sla, Problems problems)
    {
        var rows = new List<RequestFileRow>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, Optional, problems))
        {
            columns ??= row.Columns;
            var id = row["id"];
            var person = row["person"];
            if (id.Length == 0)
                problems.At(row.At("id"), "需求编号为空", "the request id is empty");
            else if (!lines.TryAdd(id, row.Line))
                problems.At(row.At("id"), $"需求 '{id}' 重复：第 {lines[id]} 行和第 {row.Line} 行；请保留一行", $"duplicate request '{id}': lines {lines[id]} and {row.Line}; keep one");
            if (person.Length == 0)
                problems.At(row.At("person"), "人员为空", "the person is empty");
            row.IsId("id", problems);
            row.IsId("person", problems);
            row.IsName("from", problems);
            var created = Time(row, "created_at", sla, problems, required: true);
            var response = Time(row, "first_response_at", sla, problems, required: false);
            var solution = Time(row, "solution_at", sla, problems, required: false);
            if (created is null)
                continue;
            foreach (var problem in new RequestRecord(id, person, created.Value, response, solution).Validate())
                problems.Add(problem.At(row.At(problem.Where.Field == "first_response_at" ? "first_response_at" : "solution_at")));
            rows.Add(new RequestFileRow(row.Line, id, person, row["from"], created.Value.ToUniversalTime(), response?.ToUniversalTime(), solution?.ToUniversalTime()));
        }

        return (rows, columns);
    }

    private static DateTimeOffset? Time(Row row, string column, RequestSla sla, Problems problems, bool required)
    {
        var text = row[column];
        if (text.Length == 0)
        {
            if (required)
                problems.At(row.At(column), $"{column} 为空；应为 YYYY-MM-DD HH:MM", $"{column} is empty; expected YYYY-MM-DD HH:MM");
            return null;
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return sla.FromLocal(local);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
            return instant;
        problems.At(row.At(column),
            $"'{text}' 不是时间；应为公司时区（{sla.TimeZone.Id}）的 YYYY-MM-DD HH:MM，或带时区偏移的 ISO 8601",
            $"'{text}' is not a time; expected YYYY-MM-DD HH:MM in the company time zone ({sla.TimeZone.Id}) or ISO 8601 with an offset");
        return null;
    }
}
