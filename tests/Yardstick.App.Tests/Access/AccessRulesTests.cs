using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Tests.Access;

/// <summary>
/// The pure decision of review.md R2 over every action × relation × period state. The expected outcomes are written
/// out here as R2 reads, independently of <see cref="AccessRules.Table"/>: one letter per state Draft, Collecting,
/// Calculated, InReview, Approved, Published, Locked — A allowed, P allowed and marked preliminary, N not found (404),
/// F forbidden (403), C conflict with the period state (409).
/// </summary>
public sealed class AccessRulesTests
{
    public enum Persona
    {
        Admin,
        Finance,
        ManagerOfX,
        ManagerOfOther,
        X,
        Rater,
        Other,
    }

    private static readonly PeriodState[] States = Enum.GetValues<PeriodState>();

    // the relations each persona holds to X (a form's rater to that form; X, for a period-wide action, is evaluated in it)
    private static AccessRelation Relations(Persona persona) => persona switch
    {
        Persona.Admin => AccessRelation.Admin,
        Persona.Finance => AccessRelation.Finance,
        Persona.ManagerOfX => AccessRelation.Manager,
        Persona.ManagerOfOther => AccessRelation.None,
        Persona.X => AccessRelation.Self,
        Persona.Rater => AccessRelation.Rater,
        Persona.Other => AccessRelation.None,
    };

    private const string All = "AAAAAAA";
    private const string None = "NNNNNNN";
    private const string Refused = "FFFFFFF";

    // settings off; columns: admin, finance, manager of X, manager of someone else, X, rater, others
    private static readonly Dictionary<AccessAction, string[]> Expected = new()
    {
        [AccessAction.ViewScorecard] = [All, None, All, None, "NNNNNAA", None, None],
        [AccessAction.ViewPay] = [All, "NNNNAAA", None, None, "NNNNNAA", None, None],
        [AccessAction.ViewRatingResult] = [All, None, All, None, "NNNNNAA", None, None],
        [AccessAction.ViewRaterForm] = [None, None, None, None, None, All, None],
        [AccessAction.FillRaterForm] = [None, None, None, None, None, All, None],
        // finance sees X's pay from Approved, X their own record from Published: there a refusal is 403
        [AccessAction.EnterManualActuals] = ["AAACCCC", "NNNNFFF", "AAACCCC", None, "NNNNNFF", None, None],
        [AccessAction.Administer] = [All, Refused, Refused, Refused, Refused, Refused, Refused],
        [AccessAction.Adjust] = ["CCCACCC", "NNNNFFF", "CCCACCC", None, "NNNNNFF", None, None],
        [AccessAction.Calibrate] = [All, "NNNNFFF", Refused, None, "NNNNNFF", None, None],
        [AccessAction.Approve] = [All, Refused, Refused, Refused, Refused, Refused, Refused],
        [AccessAction.Publish] = [All, Refused, Refused, Refused, Refused, Refused, Refused],
        [AccessAction.Lock] = [All, Refused, Refused, Refused, Refused, Refused, Refused],
        [AccessAction.Reopen] = [All, Refused, Refused, Refused, Refused, Refused, Refused],
        // the appeal window (R7: while Published) is the appeal use case's conflict, not a rule of R2
        [AccessAction.FileAppeal] = [Refused, "NNNNFFF", Refused, None, "NNNNNAA", None, None],
        [AccessAction.WithdrawAppeal] = [Refused, "NNNNFFF", Refused, None, "NNNNNAA", None, None],
        [AccessAction.ViewAppeal] = [All, None, All, None, "NNNNNAA", None, None],
        [AccessAction.CommentAppeal] = [Refused, "NNNNFFF", All, None, "NNNNNFF", None, None],
        [AccessAction.DecideAppeal] = [All, "NNNNFFF", Refused, None, "NNNNNFF", None, None],
        [AccessAction.ConfirmAppeal] = [All, "NNNNFFF", Refused, None, "NNNNNFF", None, None],
        [AccessAction.ExportPayroll] = [All, All, None, None, None, None, None],
        [AccessAction.ViewAuditLog] = [All, None, None, None, None, None, None],
    };

    // preliminary_to_self on: X sees their scorecard from Calculated (marked preliminary until Published), so from
    // there X sees their record; pay, 360 result and appeals stay from Published
    private static readonly Dictionary<(AccessAction, Persona), string> PreliminaryToSelf = new()
    {
        [(AccessAction.ViewScorecard, Persona.X)] = "NNPPPAA",
        [(AccessAction.EnterManualActuals, Persona.X)] = "NNFFFFF",
        [(AccessAction.Adjust, Persona.X)] = "NNFFFFF",
        [(AccessAction.Calibrate, Persona.X)] = "NNFFFFF",
        [(AccessAction.FileAppeal, Persona.X)] = "NNAAAAA",
        [(AccessAction.WithdrawAppeal, Persona.X)] = "NNAAAAA",
        [(AccessAction.CommentAppeal, Persona.X)] = "NNFFFFF",
        [(AccessAction.DecideAppeal, Persona.X)] = "NNFFFFF",
        [(AccessAction.ConfirmAppeal, Persona.X)] = "NNFFFFF",
    };

    // managers_see_pay on: X's managers (only they) see X's pay in every state
    private static readonly Dictionary<(AccessAction, Persona), string> ManagersSeePay = new()
    {
        [(AccessAction.ViewPay, Persona.ManagerOfX)] = All,
    };

    public static TheoryData<bool, bool, AccessAction, Persona> Cases()
    {
        var data = new TheoryData<bool, bool, AccessAction, Persona>();
        foreach (var (preliminary, managersPay) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            foreach (var action in Enum.GetValues<AccessAction>())
            {
                foreach (var persona in Enum.GetValues<Persona>())
                    data.Add(preliminary, managersPay, action, persona);
            }
        }

        return data;
    }

    private static string Outcomes(AccessAction action, AccessRelation relations, AccessSettings settings) =>
        new([.. States.Select(s => Outcome.Letter(AccessRules.Decide(action, relations, s, settings, "x", "2026-10")))]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_EveryRowPersonaAndState_AsR2Reads(bool preliminaryToSelf, bool managersSeePay, AccessAction action, Persona persona)
    {
        var expected = Expected[action][(int)persona];
        if (preliminaryToSelf && PreliminaryToSelf.TryGetValue((action, persona), out var p))
            expected = p;
        if (managersSeePay && ManagersSeePay.TryGetValue((action, persona), out var m))
            expected = m;

        var actual = Outcomes(action, Relations(persona), new AccessSettings(preliminaryToSelf, managersSeePay));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Expected_CoversEveryAction_NoRowForgotten()
    {
        Assert.Equal(Enum.GetValues<AccessAction>().Order(), Expected.Keys.Order());
        Assert.All(Expected.Values, v => Assert.Equal(7, v.Length));
        Assert.Equal(Enum.GetValues<AccessAction>().Order(), AccessRules.Table.Select(r => r.Action).Order());
    }

    // an admin who is X: every action, default settings
    [Theory]
    [InlineData(AccessAction.ViewScorecard, All)]
    [InlineData(AccessAction.ViewPay, All)]
    [InlineData(AccessAction.ViewRatingResult, All)]
    [InlineData(AccessAction.ViewRaterForm, None)]
    [InlineData(AccessAction.FillRaterForm, None)]
    [InlineData(AccessAction.EnterManualActuals, Refused)]
    [InlineData(AccessAction.Administer, All)]
    [InlineData(AccessAction.Adjust, Refused)]
    [InlineData(AccessAction.Calibrate, Refused)]
    [InlineData(AccessAction.Approve, Refused)]
    [InlineData(AccessAction.Publish, All)]
    [InlineData(AccessAction.Lock, All)]
    [InlineData(AccessAction.Reopen, All)]
    [InlineData(AccessAction.FileAppeal, All)]
    [InlineData(AccessAction.WithdrawAppeal, All)]
    [InlineData(AccessAction.ViewAppeal, All)]
    [InlineData(AccessAction.CommentAppeal, Refused)]
    [InlineData(AccessAction.DecideAppeal, Refused)]
    [InlineData(AccessAction.ConfirmAppeal, Refused)]
    [InlineData(AccessAction.ExportPayroll, All)]
    [InlineData(AccessAction.ViewAuditLog, All)]
    public void Decide_AdminWhoIsX_OwnRecordRulesHold(AccessAction action, string expected)
    {
        Assert.Equal(expected, Outcomes(action, AccessRelation.Admin | AccessRelation.Self, AccessSettings.Default));
    }

    [Theory]
    [InlineData(AccessAction.Adjust)]
    [InlineData(AccessAction.Calibrate)]
    [InlineData(AccessAction.Approve)]
    [InlineData(AccessAction.DecideAppeal)]
    [InlineData(AccessAction.ConfirmAppeal)]
    [InlineData(AccessAction.EnterManualActuals)]
    public void Decide_EveryRoleAndSelf_OwnRecordForbiddenWithReason(AccessAction action)
    {
        var d = AccessRules.Decide(action, AccessRelation.Admin | AccessRelation.Finance | AccessRelation.Self, PeriodState.InReview, new AccessSettings(true, true), "li_ming", "2026-10");

        Assert.Equal(ProblemKind.Forbidden, d.Problem!.Kind);
        Assert.Equal(("access.own_record", "li_ming"), (d.Problem.Code, d.Problem.Where.Field));
        Assert.EndsWith("'li_ming' in 2026-10: nobody may do this on their own record, whatever roles they hold", d.Problem.Text(Language.En), StringComparison.Ordinal);
        Assert.EndsWith("“li_ming”（2026-10）：任何人都不得对本人的记录执行此操作，无论担任何种角色", d.Problem.Text(Language.ZhCN), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AccessRelation.Finance | AccessRelation.Self, AccessAction.ViewPay, "NNNNAAA")]
    [InlineData(AccessRelation.Finance | AccessRelation.Self, AccessAction.ViewScorecard, "NNNNNAA")]
    [InlineData(AccessRelation.Finance | AccessRelation.Manager, AccessAction.ViewPay, "NNNNAAA")]
    [InlineData(AccessRelation.Finance | AccessRelation.Manager, AccessAction.ViewScorecard, All)]
    [InlineData(AccessRelation.Finance | AccessRelation.Manager, AccessAction.Adjust, "CCCACCC")]
    [InlineData(AccessRelation.Finance | AccessRelation.Rater, AccessAction.FillRaterForm, All)]
    [InlineData(AccessRelation.Admin | AccessRelation.Rater, AccessAction.ViewRaterForm, All)]
    public void Decide_SeveralRelations_AnyOneGrants(AccessRelation relations, AccessAction action, string expected)
    {
        Assert.Equal(expected, Outcomes(action, relations, AccessSettings.Default));
    }

    [Fact]
    public void Decide_RaterOfAnotherForm_FormNotFound()
    {
        // the relation is to one form: another rater's form, even of the same campaign and ratee, is not theirs
        var own = AccessRules.Decide(AccessAction.FillRaterForm, AccessRelation.Rater, PeriodState.Collecting, AccessSettings.Default, "41");
        var other = AccessRules.Decide(AccessAction.FillRaterForm, AccessRelation.None, PeriodState.Collecting, AccessSettings.Default, "42");

        Assert.True(own.IsAllowed);
        Assert.Equal((ProblemKind.NotFound, "42"), (other.Problem!.Kind, other.Problem.Where.Field));
        Assert.Equal("fill a rater form '42': not found, or not visible to you", other.Problem.Text(Language.En));
    }

    [Fact]
    public void Decide_ManagerAdjustsOutsideReview_ConflictNamesStates()
    {
        var d = AccessRules.Decide(AccessAction.Adjust, AccessRelation.Manager, PeriodState.Approved, AccessSettings.Default, "zhang_wei", "2026-10");

        Assert.Equal((ProblemKind.Conflict, "access.period_state", "adjust"), (d.Problem!.Kind, d.Problem.Code, d.Problem.Arg));
        Assert.Equal("adjust the scorecard 'zhang_wei' in 2026-10: only while the period is InReview; it is Approved", d.Problem.Text(Language.En));
        Assert.Equal("调整绩效卡“zhang_wei”（2026-10）：仅当周期处于 InReview 时可以；当前为 Approved", d.Problem.Text(Language.ZhCN));
        var manual = AccessRules.Decide(AccessAction.EnterManualActuals, AccessRelation.Admin, PeriodState.InReview, AccessSettings.Default, "zhang_wei", "2026-10");
        Assert.Equal("enter manual indicators 'zhang_wei' in 2026-10: only while the period is Draft, Collecting or Calculated; it is InReview", manual.Problem!.Text(Language.En));
    }

    [Fact]
    public void Decide_ManagerViewsPay_NotFoundNeverForbidden()
    {
        var d = AccessRules.Decide(AccessAction.ViewPay, AccessRelation.Manager, PeriodState.Published, AccessSettings.Default, "zhang_wei", "2026-10");

        Assert.Equal((ProblemKind.NotFound, "access.not_found", "view-pay"), (d.Problem!.Kind, d.Problem.Code, d.Problem.Arg));
        Assert.Equal("view base salary and pay lines 'zhang_wei' in 2026-10: not found, or not visible to you", d.Problem.Text(Language.En));
        Assert.Equal("查看基本工资和薪酬明细“zhang_wei”（2026-10）：不存在，或您无权查看", d.Problem.Text(Language.ZhCN));
    }

    [Fact]
    public void Decide_FinanceAdjustsVisiblePerson_ForbiddenNamesWhoMay()
    {
        var d = AccessRules.Decide(AccessAction.Adjust, AccessRelation.Finance, PeriodState.Approved, AccessSettings.Default, "zhang_wei", "2026-10");

        Assert.Equal(ProblemKind.Forbidden, d.Problem!.Kind);
        Assert.Equal("adjust the scorecard 'zhang_wei' in 2026-10: you may not; allowed to admins, the person's managers", d.Problem.Text(Language.En));
        Assert.Equal("调整绩效卡“zhang_wei”（2026-10）：您无权执行；可执行者：管理员、其上级", d.Problem.Text(Language.ZhCN));
    }

    [Fact]
    public void Decide_OrganisationActionWithoutRole_ForbiddenAtPeriod()
    {
        var d = AccessRules.Decide(AccessAction.Publish, AccessRelation.Manager | AccessRelation.Finance, PeriodState.Approved, AccessSettings.Default, null, "2026-10");

        Assert.Equal((ProblemKind.Forbidden, "2026-10"), (d.Problem!.Kind, d.Problem.Where.Field));
        Assert.Equal("publish the period in 2026-10: you may not; allowed to admins", d.Problem.Text(Language.En));
    }

    [Theory]
    [InlineData(AccessAction.Administer, AccessRelation.Admin, 'A')]
    [InlineData(AccessAction.ViewAuditLog, AccessRelation.Admin, 'A')]
    [InlineData(AccessAction.ViewAuditLog, AccessRelation.Finance, 'N')]
    [InlineData(AccessAction.ViewScorecard, AccessRelation.Manager, 'A')]
    [InlineData(AccessAction.ViewPay, AccessRelation.Finance, 'N')]
    [InlineData(AccessAction.ViewScorecard, AccessRelation.Self, 'N')]
    [InlineData(AccessAction.Adjust, AccessRelation.Admin, 'C')]
    [InlineData(AccessAction.EnterManualActuals, AccessRelation.Manager, 'C')]
    public void Decide_OutsideAnyPeriod_OnlyStatelessGrantsHold(AccessAction action, AccessRelation relations, char expected)
    {
        Assert.Equal(expected, Outcome.Letter(AccessRules.Decide(action, relations, null, new AccessSettings(true, true))));
    }

    [Fact]
    public void Decide_AdminWhoIsXBeforePublished_NotPreliminary()
    {
        // an admin sees every scorecard as it is; preliminary marks only what X sees of their own before Published
        var admin = AccessRules.Decide(AccessAction.ViewScorecard, AccessRelation.Admin | AccessRelation.Self, PeriodState.InReview, new AccessSettings(PreliminaryToSelf: true));
        var self = AccessRules.Decide(AccessAction.ViewScorecard, AccessRelation.Self, PeriodState.InReview, new AccessSettings(PreliminaryToSelf: true));

        Assert.Equal((true, false), (admin.IsAllowed, admin.Preliminary));
        Assert.Equal((true, true), (self.IsAllowed, self.Preliminary));
    }

    [Fact]
    public void Markdown_DocsAccessPage_ShowsTheTableAsImplemented()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yardstick.slnx")))
            dir = dir.Parent;
        Assert.NotNull(dir);
        var page = File.ReadAllText(Path.Combine(dir.FullName, "docs", "access.md")).ReplaceLineEndings("\n");

        Assert.Contains(AccessRules.Markdown(), page, StringComparison.Ordinal);
        Assert.Contains("| view base salary and pay lines | `view-pay` | ✔ | ✔ from Approved | ✘; ✔ with `managers_see_pay` | ✔ from Published | ✘ | ✘ | — | any | 404 |", page, StringComparison.Ordinal);
    }
}
