using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Files;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Imports;

/// <summary>
/// <c>import employees FILE</c>: <c>person,name</c>, optionally <c>manager,role,team,share,product,active_from,active_to</c>.
/// Employees are matched by id: a re-import updates them, never duplicates them. A team named in the file is
/// created when new, and the person's team membership (with the share) is replaced; a product adds the
/// person to its owners and ends their ownership of other products (<c>import products</c> replaces a product's owners). Every manager must be an employee (in the file or already stored).
/// </summary>
public sealed class ImportEmployees(YardstickDb db)
{
    private static readonly string[] Required = ["person", "name"];
    private static readonly string[] Optional = ["manager", "role", "team", "share", "product", "active_from", "active_to"];

    private sealed record Parsed(int Line, string Id, string Name, string? Manager, string Role, string? Team, decimal? Share, string? Product, DateOnly? From, DateOnly? To);

    public async Task<Result<ImportSummary>> RunAsync(string path, string? label, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var period = await ImportCommon.OptionalPeriodIdAsync(db, label, ct);
        if (!period.IsSuccess)
            return Result<ImportSummary>.Fail(period.Problems);
        var periodId = period.Value;

        var problems = new Problems();
        if (!ImportCommon.Exists(path, problems))
            return ImportCommon.Fail<ImportSummary>(problems);
        var columns = new int[Required.Length + Optional.Length];
        var rows = new List<Parsed>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in TableFile.Read(path, Required, Optional, columns, problems, allowXlsx: true))
        {
            string? Opt(int i) => columns[i] >= 0 && row[columns[i]].Trim() is { Length: > 0 } t ? t : null;
            var id = row[columns[0]].Trim();
            var name = row[columns[1]].Trim();
            if (id.Length == 0)
            {
                problems.At(path, row.Line, columns[0] + 1, "the person is empty; every row needs an employee id");
                continue;
            }

            if (id.Contains(':', StringComparison.Ordinal))
                problems.At(path, row.Line, columns[0] + 1, $"'{id}' contains ':'; an employee id is a plain id such as zhang_wei");
            if (!lines.TryAdd(id, row.Line))
                problems.At(path, row.Line, columns[0] + 1, $"duplicate row for person '{id}': lines {lines[id]} and {row.Line}; keep one");
            if (name.Length == 0)
                problems.At(path, row.Line, columns[1] + 1, $"the name of '{id}' is empty");
            decimal? share = null;
            if (Opt(5) is { } s)
            {
                if (decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v >= 0)
                    share = v;
                else
                    problems.At(path, row.Line, columns[5] + 1, $"'{s}' is not a share; expected a number >= 0 such as 0.4");
            }

            if (share is not null && Opt(4) is null)
                problems.At(path, row.Line, columns[5] + 1, $"'{id}' has a share but no team; a share is the person's part of their team");
            var from = ImportCommon.Date(path, row, columns[7], problems);
            var to = ImportCommon.Date(path, row, columns[8], problems);
            if (from is not null && to is not null && to < from)
                problems.At(path, row.Line, columns[8] + 1, $"active_to {to:yyyy-MM-dd} is before active_from {from:yyyy-MM-dd}");
            rows.Add(new Parsed(row.Line, id, name, Opt(2), Opt(3) ?? "pm", Opt(4), share, Opt(6), from, to));
        }

        var existing = await db.Employees.ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        foreach (var r in rows.Where(r => r.Manager is not null))
        {
            if (r.Manager == r.Id)
                problems.At(path, r.Line, columns[2] + 1, $"'{r.Id}' cannot be their own manager");
            else if (!lines.ContainsKey(r.Manager!) && !existing.ContainsKey(r.Manager!))
                problems.At(path, r.Line, columns[2] + 1, $"manager '{r.Manager}' is not an employee; add a row for them");
        }

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var hash = ImportCommon.Hash(path);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, ct);
        var products = await db.Products.ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, ct);
        // a `product` names the one product the PM owns: their other ownerships end (a PM owns one product per period)
        var givenProduct = rows.Where(r => r.Product is not null).ToDictionary(r => r.Id, r => r.Product!, StringComparer.Ordinal);
        var ownerRows = await db.ProductOwners.ToListAsync(ct);
        db.ProductOwners.RemoveRange(ownerRows.Where(o => givenProduct.TryGetValue(o.EmployeeId, out var p) && p != o.ProductId));
        var owners = ownerRows.Select(o => (o.ProductId, o.EmployeeId)).ToHashSet();
        // filtered here: an IN list of every id exceeds SQLite's limit of bound variables on large files
        var ids = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var memberships = (await db.TeamMembers.ToListAsync(ct)).Where(m => ids.Contains(m.EmployeeId)).ToList();
        db.TeamMembers.RemoveRange(memberships);
        var updated = 0;
        foreach (var r in rows)
        {
            if (existing.TryGetValue(r.Id, out var e))
                updated++;
            else
                e = db.Employees.Add(new Employee { Id = r.Id }).Entity;
            (e.Name, e.ManagerId, e.Role, e.ActiveFrom, e.ActiveTo) = (r.Name, r.Manager, r.Role, r.From, r.To);
            if (r.Team is { } team)
            {
                if (!teams.ContainsKey(team))
                    teams[team] = db.Teams.Add(new Team { Id = team, Name = team }).Entity;
                db.TeamMembers.Add(new TeamMember { TeamId = team, EmployeeId = r.Id, Share = r.Share });
            }

            if (r.Product is { } product)
            {
                if (!products.ContainsKey(product))
                    products[product] = db.Products.Add(new Product { Id = product, Name = product }).Entity;
                if (owners.Add((product, r.Id)))
                    db.ProductOwners.Add(new ProductOwner { ProductId = product, EmployeeId = r.Id });
            }
        }

        var previous = await ImportCommon.PreviousAsync(db, periodId, ImportKinds.Employees, "all", ct);
        var record = await ImportCommon.RecordAsync(db, periodId, ImportKinds.Employees, "all", path, hash, rows.Count, updated, previous, ct);
        await tx.CommitAsync(ct);
        progress?.Report(new WorkProgress("write", rows.Count, rows.Count));
        return new ImportSummary(record, rows.Count, updated);
    }
}
