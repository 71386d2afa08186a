using Yardstick.App.Access;
using Yardstick.App.Imports;
using Yardstick.App.Periods;
using Yardstick.Core.Schemes;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>
/// worked-examples.md E1 in the system of record: 2026-10 on industrial-value, zhang_wei (base 30,000.00) managed by li_ming,
/// zhao_lei reporting to nobody, and the users acting as those employees (no stored role).
/// </summary>
public static class E1Seed
{
    public const string Employees = "person,name,manager,team\nli_ming,李明,,mes\nzhang_wei,张伟,li_ming,mes\nzhao_lei,赵磊,,mes\n";

    public const string Actuals = "person,indicator,value\nzhang_wei,renewal_rate,0.88\nzhang_wei,csat,4.5\nzhang_wei,issue_closure_rate,0.93\nzhang_wei,revenue_yoy_growth,0.25\nzhang_wei,new_industry_cases,2\nzhang_wei,defect_rate,0.008\nzhang_wei,core_feature_usage,0.55\nzhang_wei,rd_utilization,0.80\nzhang_wei,sales_support_rating,4.2\nzhang_wei,roadmap_completion,0.70\nzhang_wei,innovation_reserve,3.5\n";

    /// <summary>A user linked to <paramref name="employee"/>, without stored roles.</summary>
    public static CurrentUser User(string employee) => new(Organisation.DefaultId, Organisation.DefaultCode, employee, null, null, employee, new HashSet<Role>(), false);

    /// <summary>The rows of <paramref name="actuals"/> (zhang_wei's) given again for each of <paramref name="people"/>, without a header.</summary>
    public static string For(string actuals, params string[] people) =>
        string.Concat(people.Select(p => string.Concat(actuals.Replace("zhang_wei", p, StringComparison.Ordinal).Split('\n').Skip(1).Select(l => l.Length > 0 ? l + "\n" : ""))));

    /// <summary>Opens 2026-10 on T1 (Collecting), imports the employees, zhang_wei's salary and <paramref name="actuals"/>.</summary>
    public static async Task SeedAsync(YardstickDb db, TempFiles files, string actuals)
    {
        Yardstick.App.Files.InputFile File(string name, string content) => Input.File(files.Write(name, content));
        Assert.True((await new OpenPeriod(db).RunAsync("2026-10", SchemeJson.Write(TemplateCatalog.Find("industrial-value").Value.Document))).IsSuccess);
        Assert.True((await new ImportEmployees(db).RunAsync(File("e.csv", Employees), null)).IsSuccess);
        Assert.True((await new ImportSalaries(db).RunAsync(File("s.csv", "person,base_salary,effective_from\nzhang_wei,30000.00,2026-01-01\n"), null)).IsSuccess);
        Assert.True((await new ImportActuals(db).RunAsync(File("a.csv", actuals), "2026-10")).IsSuccess);
    }
}
