using Yardstick.Core.Common;

namespace Yardstick.App.Access;

/// <summary>What a user asks to do (review.md R2): one member per row of <see cref="AccessRules.Table"/>.</summary>
public enum AccessAction
{
    /// <summary>See X's scorecard: total, grade, indicators, traces.</summary>
    ViewScorecard,

    /// <summary>See X's base salary and pay lines (with their traces).</summary>
    ViewPay,

    /// <summary>See X's 360 result (group means, never single answers or rater names).</summary>
    ViewRatingResult,

    /// <summary>See a form a rater was asked to fill.</summary>
    ViewRaterForm,

    /// <summary>Fill (answer) a form a rater was asked to fill.</summary>
    FillRaterForm,

    /// <summary>Enter X's <c>source: manual</c> indicators (while Draft, Collecting or Calculated).</summary>
    EnterManualActuals,

    /// <summary>Imports, calc, waivers, schemes, settings, users; also opening a period, moving it to review, awards, pool shares, backtests and effect analysis.</summary>
    Administer,

    /// <summary>Adjust X's scorecard (R3, while InReview).</summary>
    Adjust,

    /// <summary>Set or remove X's final grade (R4); without a person, work on the period's calibration view.</summary>
    Calibrate,

    /// <summary>Approve the period (R6).</summary>
    Approve,

    /// <summary>Publish the period.</summary>
    Publish,

    /// <summary>Lock the period.</summary>
    Lock,

    /// <summary>Reopen the period.</summary>
    Reopen,

    /// <summary>File an appeal on one's own result (R7).</summary>
    FileAppeal,

    /// <summary>Withdraw one's own open appeal (R7).</summary>
    WithdrawAppeal,

    /// <summary>See X's appeals with their comments and answers.</summary>
    ViewAppeal,

    /// <summary>Comment on X's appeal (X's manager).</summary>
    CommentAppeal,

    /// <summary>Decide X's appeal: rejected or upheld with adjustments.</summary>
    DecideAppeal,

    /// <summary>Confirm an upheld decision on X's appeal (the second admin).</summary>
    ConfirmAppeal,

    /// <summary>Export the payroll of a period (R8).</summary>
    ExportPayroll,

    /// <summary>Read the audit log.</summary>
    ViewAuditLog,
}

/// <summary>What an action is done to: a person X, a rater's form, or the organisation (or one of its periods).</summary>
public enum AccessSubject
{
    /// <summary>A person X of the organisation; what the user may see of X decides 404 vs 403.</summary>
    Person,

    /// <summary>One form (a <c>RatingRater</c> row: campaign, ratee, rater).</summary>
    Form,

    /// <summary>The organisation or one of its periods, which every member of the organisation may know of.</summary>
    Organisation,
}

/// <summary>
/// The relations of a user to the subject of an action (review.md R1); a user may hold several at once.
/// <see cref="Admin"/> and <see cref="Finance"/> are stored roles; the others follow from the data.
/// </summary>
[Flags]
public enum AccessRelation
{
    /// <summary>No relation: another user of the organisation.</summary>
    None = 0,

    /// <summary>The stored role admin (HR / compensation admin), or the CLI's system user.</summary>
    Admin = 1,

    /// <summary>The stored role finance.</summary>
    Finance = 2,

    /// <summary>The user's employee follows X up the manager chain (direct or indirect).</summary>
    Manager = 4,

    /// <summary>The user's employee is X; for a period-wide action (approve), the user's employee is evaluated in the period.</summary>
    Self = 8,

    /// <summary>The user is the rater the form was given to (forms only).</summary>
    Rater = 16,
}

/// <summary>An organisation setting that widens what a relation sees.</summary>
public enum AccessSetting
{
    /// <summary><c>preliminary_to_self</c>: X sees their scorecard from Calculated on, marked preliminary until Published.</summary>
    PreliminaryToSelf,

    /// <summary><c>managers_see_pay</c>: managers see their reports' base salary and pay lines.</summary>
    ManagersSeePay,
}

/// <summary>The organisation settings the rules read (review.md R2), both off by default.</summary>
public sealed record AccessSettings(bool PreliminaryToSelf = false, bool ManagersSeePay = false)
{
    /// <summary>Both settings off.</summary>
    public static AccessSettings Default { get; } = new();

    /// <summary>True when <paramref name="setting"/> is on.</summary>
    public bool IsOn(AccessSetting setting) => setting switch
    {
        AccessSetting.PreliminaryToSelf => PreliminaryToSelf,
        AccessSetting.ManagersSeePay => ManagersSeePay,
    };
}

/// <summary>
/// The answer to one question "may this user do this": allowed (<see cref="Problem"/> null), or a typed bilingual
/// problem naming the action: NotFound (the user may not see the subject), Forbidden (they see it but may not take
/// the action) or Conflict (the period's state refuses the action). <see cref="Preliminary"/> is true when the user
/// sees X's scorecard before Published only through <c>preliminary_to_self</c>: show it marked preliminary.
/// </summary>
public sealed record AccessDecision(AccessAction Action, Problem? Problem, bool Preliminary = false)
{
    /// <summary>True when the user may take the action.</summary>
    public bool IsAllowed => Problem is null;
}
