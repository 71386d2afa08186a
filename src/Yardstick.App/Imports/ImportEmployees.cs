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
        var existing = await db.Employees.AsNoTracking().ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        foreach (var r in rows.Where(r => r.Manager is not null && r.Manager != r.Id && !lines.Contains(r.Manager) && !existing.ContainsKey(r.Manager)))
            problems.At(columns!.At(r.Line, "manager"), $"经理 '{r.Manager}' 不是员工；请为其添加一行", $"manager '{r.Manager}' is not an employee; add a row for them");

        if (problems.Any)
            return ImportCommon.Fail<ImportSummary>(problems);

        var (added, changed) = (0, 0);
        var written = await ImportCommon.WriteAsync(db, periodId, ImportKinds.Employees, "all", file, rows.Count, async _ =>
        {
            // what is stored is read untracked: only what the file changes is attached (so that ImportChanges keeps what it was)
            // and saved, then everything new is written in bulk; a re-import costs what it changes, not what it holds
            var teams = (await db.Teams.Select(t => t.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var products = (await db.Products.Select(t => t.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var memberships = (await db.TeamMembers.AsNoTracking().ToListAsync(ct)).ToLookup(m => m.EmployeeId, StringComparer.Ordinal);
            var ownerships = (await db.ProductOwners.AsNoTracking().ToListAsync(ct)).ToLookup(o => o.EmployeeId, StringComparer.Ordinal);
            var people = new List<EmployeeRow>();
            var members = new List<EmployeeRow>();
            var owners = new List<EmployeeRow>();
            var newTeams = new List<string>();
            var newProducts = new List<string>();
            foreach (var r in rows)
            {
                if (r.Team is { } team && teams.Add(team))
                    newTeams.Add(team);
                if (r.Product is { } product && products.Add(product))
                    newProducts.Add(product);
                if (!existing.TryGetValue(r.Id, out var e))
                {
                    people.Add(r);
                    if (r.Team is not null)
                        members.Add(r);
                    if (r.Product is not null)
                        owners.Add(r);
                    continue;
                }

                var differs = false;
                if ((e.Name, e.ManagerId, e.Role, e.ActiveFrom, e.ActiveTo) != (r.Name, r.Manager, r.Role, r.From, r.To))
                {
                    db.Employees.Attach(e);
                    (e.Name, e.ManagerId, e.Role, e.ActiveFrom, e.ActiveTo) = (r.Name, r.Manager, r.Role, r.From, r.To);
                    differs = true;
                }

                // the person's team membership is replaced by the file's (none when the row names no team)
                var current = memberships[r.Id].ToList();
                if (!(r.Team is null ? current.Count == 0 : current is [{ } m] && m.TeamId == r.Team && m.Share == r.Share))
                {
                    db.TeamMembers.RemoveRange(current);
                    if (r.Team is not null)
                        members.Add(r);
                    differs = true;
                }

                // a `product` names the one product the PM owns: their other ownerships end (a PM owns one product per period)
                if (r.Product is { } owned)
                {
                    var held = ownerships[r.Id].ToList();
                    if (held.Where(o => o.ProductId != owned).ToList() is { Count: > 0 } ended)
                    {
                        db.ProductOwners.RemoveRange(ended);
                        differs = true;
                    }

                    if (!held.Any(o => o.ProductId == owned))
                    {
                        owners.Add(r);
                        differs = true;
                    }
                }

                if (differs)
                    changed++;
            }

            // removals first: a membership removed is deleted before the same one is written again
            await db.SaveChangesAsync(ct);
            added = people.Count;
            // a team or product the file names first is created with its id as its name
            await BulkInsert.WriteAsync<Team, string>(db, newTeams, [new(nameof(Team.Id), x => x), new(nameof(Team.Name), x => x)], null, ct);
            await BulkInsert.WriteAsync<Product, string>(db, newProducts, [new(nameof(Product.Id), x => x), new(nameof(Product.Name), x => x)], null, ct);
            await BulkInsert.WriteAsync<Employee, EmployeeRow>(db, people,
            [
                new(nameof(Employee.Id), x => x.Id),
                new(nameof(Employee.Name), x => x.Name),
                new(nameof(Employee.ManagerId), x => x.Manager),
                new(nameof(Employee.Role), x => x.Role),
                new(nameof(Employee.ActiveFrom), x => x.From),
                new(nameof(Employee.ActiveTo), x => x.To),
            ], new Reporter(n => progress?.Report(new WorkProgress("write", n, rows.Count))), ct);
            await BulkInsert.WriteAsync<TeamMember, EmployeeRow>(db, members,
            [
                new(nameof(TeamMember.TeamId), x => x.Team),
                new(nameof(TeamMember.EmployeeId), x => x.Id),
                new(nameof(TeamMember.Share), x => x.Share),
            ], null, ct);
            await BulkInsert.WriteAsync<ProductOwner, EmployeeRow>(db, owners,
            [
                new(nameof(ProductOwner.ProductId), x => x.Product),
                new(nameof(ProductOwner.EmployeeId), x => x.Id),
            ], null, ct);

            return changed;
        }, null, progress, ct);
        return ImportCommon.Counted(written, added, changed);
    }
}
