using System.Text;
using Yardstick.Core.Common;
using Yardstick.Data;

namespace Yardstick.App.Access;

/// <summary>
/// One way a relation gets an action: from a period state on (<see cref="PeriodState.Draft"/>: in every state, and
/// also outside any period), only while <see cref="Requires"/> is on when given; <see cref="Preliminary"/> marks
/// what is shown before it is final (X's scorecard through <c>preliminary_to_self</c>).
/// </summary>
public sealed record Grant(PeriodState From, AccessSetting? Requires = null, bool Preliminary = false)
{
    /// <summary>True when the grant holds in <paramref name="state"/> (null: no period) under <paramref name="settings"/>.</summary>
    public bool Holds(PeriodState? state, AccessSettings settings) =>
        (Requires is not { } setting || settings.IsOn(setting)) && (From == PeriodState.Draft || state >= From);
}

/// <summary>
/// One row of review.md R2 as implemented: the action, its code and bilingual name, what it is done to, whether it
/// is a view (refused as NotFound), the grants of each relation (empty: ✘; "others" hold no relation and get
/// nothing), whether nobody may take it on their own record, and the period states it is tied to (else Conflict).
/// </summary>
public sealed record AccessRule(
    AccessAction Action,
    string Code,
    LocalizedText Name,
    AccessSubject Subject,
    bool IsView,
    IReadOnlyList<Grant> Admin,
    IReadOnlyList<Grant> Finance,
    IReadOnlyList<Grant> Manager,
    IReadOnlyList<Grant> Self,
    IReadOnlyList<Grant> Rater,
    bool NotOnOwnRecord = false,
    IReadOnlyList<PeriodState>? States = null)
{
    /// <summary>The grants of one relation (a single flag).</summary>
    public IReadOnlyList<Grant> Of(AccessRelation relation) => relation switch
    {
        AccessRelation.Admin => Admin,
        AccessRelation.Finance => Finance,
        AccessRelation.Manager => Manager,
        AccessRelation.Self => Self,
        AccessRelation.Rater => Rater,
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, "one relation flag expected"),
    };
}

/// <summary>
/// The authorisation rules of review.md R2 in one table, and the pure decision that reads it. Every front end asks
/// through <see cref="Authorizer"/>, which works out the relations from the database; this class reads nothing.
/// </summary>
public static class AccessRules
{
    private static readonly Grant[] No = [];
    private static readonly Grant[] Yes = [new(PeriodState.Draft)];
    private static readonly PeriodState[] InputStates = [PeriodState.Draft, PeriodState.Collecting, PeriodState.Calculated];
    private static readonly AccessRelation[] Relations = [AccessRelation.Admin, AccessRelation.Finance, AccessRelation.Manager, AccessRelation.Self, AccessRelation.Rater];

    private static Grant[] From(PeriodState state) => [new(state)];

    /// <summary>The rules, one row per <see cref="AccessAction"/>, in R2's order.</summary>
    public static IReadOnlyList<AccessRule> Table { get; } =
    [
        new(AccessAction.ViewScorecard, "view-scorecard", new("查看绩效卡（总分、等级、指标、计算过程）", "view the scorecard (total, grade, indicators, traces)"), AccessSubject.Person, IsView: true,
            Admin: Yes, Finance: No, Manager: Yes, Rater: No,
            Self: [new(PeriodState.Published), new(PeriodState.Calculated, AccessSetting.PreliminaryToSelf, Preliminary: true)]),
        new(AccessAction.ViewPay, "view-pay", new("查看基本工资和薪酬明细", "view base salary and pay lines"), AccessSubject.Person, IsView: true,
            Admin: Yes, Finance: From(PeriodState.Approved), Manager: [new(PeriodState.Draft, AccessSetting.ManagersSeePay)], Self: From(PeriodState.Published), Rater: No),
        new(AccessAction.ViewRatingResult, "view-360", new("查看 360 评估结果", "view the 360 result"), AccessSubject.Person, IsView: true,
            Admin: Yes, Finance: No, Manager: Yes, Self: From(PeriodState.Published), Rater: No),
        new(AccessAction.ViewRaterForm, "view-form", new("查看评估表", "view a rater form"), AccessSubject.Form, IsView: true,
            Admin: No, Finance: No, Manager: No, Self: No, Rater: Yes),
        new(AccessAction.FillRaterForm, "fill-form", new("填写评估表", "fill a rater form"), AccessSubject.Form, IsView: false,
            Admin: No, Finance: No, Manager: No, Self: No, Rater: Yes),
        new(AccessAction.EnterManualActuals, "enter-manual", new("录入手工指标", "enter manual indicators"), AccessSubject.Person, IsView: false,
            Admin: Yes, Finance: No, Manager: Yes, Self: No, Rater: No, NotOnOwnRecord: true, States: InputStates),
        new(AccessAction.Administer, "administer", new("管理（导入、计算、豁免、方案、设置、用户）", "administer (imports, calc, waivers, schemes, settings, users)"), AccessSubject.Organisation, IsView: false,
            Admin: Yes, Finance: No, Manager: No, Self: No, Rater: No),
        new(AccessAction.Adjust, "adjust", new("调整绩效卡", "adjust the scorecard"), AccessSubject.Person, IsView: false,
            Admin: Yes, Finance: No, Manager: Yes, Self: No, Rater: No, NotOnOwnRecord: true, States: [PeriodState.InReview]),
        new(AccessAction.Calibrate, "calibrate", new("校准等级", "calibrate grades"), AccessSubject.Person, IsView: false,
            Admin: Yes, Finance: No, Manager: No, Self: No, Rater: No, NotOnOwnRecord: true),
        new(AccessAction.Approve, "approve", new("审批周期", "approve the period"), AccessSubject.Organisation, IsView: false,
            Admin: Yes, Finance: No, Manager: No, Self: No, Rater: No, NotOnOwnRecord: true),
        new(AccessAction.Publish, "publish", new("发布周期", "publish the period"), AccessSubject.Organisation, IsView: false,
            Admin: Yes, Finance: No, Manager: No, Self: No, Rater: No),
        new(AccessAction.Lock, "lock", new("锁定周期", "lock the period"), AccessSubject.Organisation, IsView: false,
            Admin: Yes, Finance: No, Manager: No, Self: No, Rater: No),
        new(AccessAction.Reopen, "reopen", new("重新打开周期", "reopen the period"), AccessSubject.Organisation, IsView: false,
            Admin: Yes, Finance: No, Manager: No, Self: No, Rater: No),
        new(AccessAction.FileAppeal, "file-appeal", new("提交申诉", "file an appeal"), AccessSubject.Person, IsView: false,
            Admin: No, Finance: No, Manager: No, Self: Yes, Rater: No),
        new(AccessAction.WithdrawAppeal, "withdraw-appeal", new("撤回申诉", "withdraw an appeal"), AccessSubject.Person, IsView: false,
            Admin: No, Finance: No, Manager: No, Self: Yes, Rater: No),
        new(AccessAction.ViewAppeal, "view-appeal", new("查看申诉", "view appeals"), AccessSubject.Person, IsView: true,
            Admin: Yes, Finance: No, Manager: Yes, Self: From(PeriodState.Published), Rater: No),
        new(AccessAction.CommentAppeal, "comment-appeal", new("评论申诉", "comment on an appeal"), AccessSubject.Person, IsView: false,
            Admin: No, Finance: No, Manager: Yes, Self: No, Rater: No),
        new(AccessAction.DecideAppeal, "decide-appeal", new("裁决申诉", "decide an appeal"), AccessSubject.Person, IsView: false,
            Admin: Yes, Finance: No, Manager: No, Self: No, Rater: No, NotOnOwnRecord: true),
        new(AccessAction.ConfirmAppeal, "confirm-appeal", new("确认申诉裁决", "confirm an appeal decision"), AccessSubject.Person, IsView: false,
            Admin: Yes, Finance: No, Manager: No, Self: No, Rater: No, NotOnOwnRecord: true),
        new(AccessAction.ExportPayroll, "export-payroll", new("导出薪资", "export payroll"), AccessSubject.Organisation, IsView: true,
            Admin: Yes, Finance: Yes, Manager: No, Self: No, Rater: No),
        new(AccessAction.ViewAuditLog, "view-audit", new("查看审计日志", "view the audit log"), AccessSubject.Organisation, IsView: true,
            Admin: Yes, Finance: No, Manager: No, Self: No, Rater: No),
    ];

    private static readonly Dictionary<AccessAction, AccessRule> ByAction = Table.ToDictionary(r => r.Action);

    /// <summary>The row of <paramref name="action"/>.</summary>
    public static AccessRule Rule(AccessAction action) => ByAction[action];

    /// <summary>
    /// May a user with <paramref name="relations"/> to the subject take <paramref name="action"/> in a period in
    /// <paramref name="state"/> (null: outside any period)? In this order: a view no relation grants, or an action on
    /// a person or form of which the user sees nothing in this state → NotFound; no relation grants it → Forbidden;
    /// on the user's own record where the row forbids it → Forbidden; the row is tied to other period states →
    /// Conflict; else allowed. <paramref name="subject"/> (a person or form id) and <paramref name="period"/> (its
    /// label) only name the record in the messages.
    /// </summary>
    public static AccessDecision Decide(AccessAction action, AccessRelation relations, PeriodState? state, AccessSettings settings, string? subject = null, string? period = null)
    {
        var rule = Rule(action);
        var grant = Best(rule, relations, state, settings);
        if (rule.IsView ? grant is null : !Sees(rule, relations, state, settings))
            return new(action, Refuse(rule, subject, period, ProblemKind.NotFound));
        if (grant is null)
            return new(action, Refuse(rule, subject, period, ProblemKind.Forbidden));
        if (rule.NotOnOwnRecord && relations.HasFlag(AccessRelation.Self))
            return new(action, OwnRecord(rule, subject, period));
        if (rule.States is { } states && (state is not { } s || !states.Contains(s)))
            return new(action, WrongState(rule, subject, period, state, states));
        return new(action, null, grant.Preliminary);
    }

    /// <summary>Forbidden, naming who may: <paramref name="action"/> in <paramref name="period"/> asked by a user who may take it on nobody there.</summary>
    public static Problem Forbidden(AccessAction action, string? period) => Refuse(Rule(action), null, period, ProblemKind.Forbidden);

    /// <summary>The grant that lets the user act, a final one before a preliminary one; null when none holds.</summary>
    private static Grant? Best(AccessRule rule, AccessRelation relations, PeriodState? state, AccessSettings settings) =>
        Relations.Where(r => relations.HasFlag(r))
            .SelectMany(rule.Of)
            .Where(g => g.Holds(state, settings))
            .OrderBy(g => g.Preliminary)
            .FirstOrDefault();

    /// <summary>
    /// Whether the user sees what an action is done to: the organisation and its periods are seen by every member;
    /// a person or a form when a view of the same subject holds. Nothing is done to what the user does not see.
    /// </summary>
    private static bool Sees(AccessRule rule, AccessRelation relations, PeriodState? state, AccessSettings settings) =>
        rule.Subject == AccessSubject.Organisation
            || Table.Any(r => r.IsView && r.Subject == rule.Subject && Best(r, relations, state, settings) is not null);

    private static (string Zh, string En) Target(string? subject, string? period) => (
        (subject is null ? "" : $"“{subject}”") + (period is null ? "" : $"（{period}）"),
        (subject is null ? "" : $" '{subject}'") + (period is null ? "" : $" in {period}"));

    private static string Field(AccessRule rule, string? subject, string? period) => subject ?? period ?? rule.Code;

    private static Problem Refuse(AccessRule rule, string? subject, string? period, ProblemKind kind)
    {
        var (zh, en) = Target(subject, period);
        var field = Field(rule, subject, period);
        if (kind == ProblemKind.NotFound)
            return Problem.NotFound(field, $"{rule.Name.Zh}{zh}：不存在，或您无权查看", $"{rule.Name.En}{en}: not found, or not visible to you", "access.not_found", rule.Code);
        var who = Relations.Where(r => rule.Of(r).Count > 0).Select(Who).ToList();
        return Problem.Forbidden(field,
            $"{rule.Name.Zh}{zh}：您无权执行；可执行者：{string.Join("、", who.Select(w => w.Zh))}",
            $"{rule.Name.En}{en}: you may not; allowed to {string.Join(", ", who.Select(w => w.En))}",
            "access.forbidden", rule.Code);
    }

    private static Problem OwnRecord(AccessRule rule, string? subject, string? period)
    {
        var (zh, en) = Target(subject, period);
        return Problem.Forbidden(Field(rule, subject, period),
            $"{rule.Name.Zh}{zh}：任何人都不得对本人的记录执行此操作，无论担任何种角色",
            $"{rule.Name.En}{en}: nobody may do this on their own record, whatever roles they hold",
            "access.own_record", rule.Code);
    }

    private static Problem WrongState(AccessRule rule, string? subject, string? period, PeriodState? state, IReadOnlyList<PeriodState> states)
    {
        var (zh, en) = Target(subject, period);
        return Problem.Conflict(Field(rule, subject, period),
            $"{rule.Name.Zh}{zh}：仅当周期处于 {string.Join("、", states)} 时可以；{(state is { } s ? $"当前为 {s}" : "未指定周期")}",
            $"{rule.Name.En}{en}: only while the period is {Alternatives(states)}; {(state is { } t ? $"it is {t}" : "no period given")}",
            "access.period_state", rule.Code);
    }

    private static string Alternatives(IReadOnlyList<PeriodState> states) =>
        states.Count == 1 ? states[0].ToString() : string.Join(", ", states.Take(states.Count - 1)) + " or " + states[^1];

    private static (string Zh, string En) Who(AccessRelation relation) => relation switch
    {
        AccessRelation.Admin => ("管理员", "admins"),
        AccessRelation.Finance => ("财务", "finance"),
        AccessRelation.Manager => ("其上级", "the person's managers"),
        AccessRelation.Self => ("本人", "the person themselves"),
        AccessRelation.Rater => ("该表的评估人", "the form's rater"),
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, "one relation flag expected"),
    };

    /// <summary>The table as Markdown (English), as docs/access.md shows it; a test keeps the page equal to it.</summary>
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.Append("| action | code | admin | finance | manager of X | X (self) | rater | others | own record | period states | refused as |\n");
        md.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in Table)
        {
            var cells = new[] { r.Name.En, $"`{r.Code}`", Cell(r.Admin), Cell(r.Finance), Cell(r.Manager), Cell(r.Self), Cell(r.Rater), "✘",
                r.NotOnOwnRecord ? "forbidden" : "—",
                r.States is { } s ? string.Join(", ", s) + " (else 409)" : "any",
                r.IsView ? "404" : r.Subject switch
                {
                    AccessSubject.Person => "404, or 403 when X is visible",
                    AccessSubject.Form => "404, or 403 when the form is visible",
                    AccessSubject.Organisation => "403",
                } };
            md.Append("| ").AppendJoin(" | ", cells).Append(" |\n");
        }

        return md.ToString();
    }

    private static string Cell(IReadOnlyList<Grant> grants)
    {
        if (grants.Count == 0)
            return "✘";
        var texts = grants.Select(g => "✔"
            + (g.From == PeriodState.Draft ? "" : $" from {g.From}")
            + (g.Requires is { } s ? $" with `{Setting(s)}`" : "")
            + (g.Preliminary ? " (preliminary)" : "")).ToList();
        return (grants.All(g => g.Requires is not null) ? "✘; " : "") + string.Join("; ", texts);
    }

    private static string Setting(AccessSetting setting) => setting switch
    {
        AccessSetting.PreliminaryToSelf => "preliminary_to_self",
        AccessSetting.ManagersSeePay => "managers_see_pay",
    };
}
