using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
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
public sealed class ImportEmployees(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<ImportSummary>> RunAsync(InputFile file, string? label, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var period = await ImportCommon.OptionalPeriodIdAsync(db, label, ct);
        if (!period.IsSuccess)
            return Result<ImportSummary>.Fail(period.Problems);
        var periodId = period.Value;

        var problems = new Problems();
        var (rows, columns) = EmployeesFile.Read(file, problems);
        var lines = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var existing = await db.Employees.ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        foreach (var r in rows.Where(r => r.Manager is not null && r.Manager != r.Id && !lines.Contains(r.Manager) && !existing.ContainsKey(r.Manager)))
            problems.At(columns!.At(r.Line, "manager"), $"经理 '{r.Manager}' 不是员工；请为其添加一行", $"manager '{r.Manager}' is not an employee; add a row for them");

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        return await ImportCommon.WriteAsync(db, periodId, ImportKinds.Employees, "all", file, rows.Count, async _ =>
        {
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
            // new employees, with their team and product rows, are written in bulk (a first import of 100,000 people);
            // existing ones are updated through the context, so that a membership removed above is deleted before it is added again
            var added = new List<EmployeeRow>();
            var updated = 0;
            foreach (var r in rows)
            {
                var isNew = !existing.TryGetValue(r.Id, out var e);
                if (isNew)
                    added.Add(r);
                else
                {
                    updated++;
                    (e!.Name, e.ManagerId, e.Role, e.ActiveFrom, e.ActiveTo) = (r.Name, r.Manager, r.Role, r.From, r.To);
                }

                if (r.Team is { } team)
                {
                    if (!teams.ContainsKey(team))
                        teams[team] = db.Teams.Add(new Team { Id = team, Name = team }).Entity;
                    if (!isNew)
                        db.TeamMembers.Add(new TeamMember { TeamId = team, EmployeeId = r.Id, Share = r.Share });
                }

                if (r.Product is { } product)
                {
                    if (!products.ContainsKey(product))
                        products[product] = db.Products.Add(new Product { Id = product, Name = product }).Entity;
                    if (owners.Add((product, r.Id)) && !isNew)
                        db.ProductOwners.Add(new ProductOwner { ProductId = product, EmployeeId = r.Id });
                }
            }

            await BulkInsert.WriteAsync<Employee, EmployeeRow>(db, added,
            [
                new(nameof(Employee.Id), x => x.Id),
                new(nameof(Employee.Name), x => x.Name),
                new(nameof(Employee.ManagerId), x => x.Manager),
                new(nameof(Employee.Role), x => x.Role),
                new(nameof(Employee.ActiveFrom), x => x.From),
                new(nameof(Employee.ActiveTo), x => x.To),
            ], new Reporter(n => progress?.Report(new WorkProgress("write", n, rows.Count))), ct);
            await BulkInsert.WriteAsync<TeamMember, EmployeeRow>(db, added.Where(x => x.Team is not null),
            [
                new(nameof(TeamMember.TeamId), x => x.Team),
                new(nameof(TeamMember.EmployeeId), x => x.Id),
                new(nameof(TeamMember.Share), x => x.Share),
            ], null, ct);
            await BulkInsert.WriteAsync<ProductOwner, EmployeeRow>(db, added.Where(x => x.Product is not null),
            [
                new(nameof(ProductOwner.ProductId), x => x.Product),
                new(nameof(ProductOwner.EmployeeId), x => x.Id),
            ], null, ct);

            return updated;
        }, null, progress, ct);
    }
}
