namespace Yardstick.Core.Expressions;

/// <summary>The kinds of value an expression yields.</summary>
public enum XKind : byte
{
    /// <summary>No value: a missing or waived actual, or arithmetic on one.</summary>
    Missing,
    /// <summary>A decimal number.</summary>
    Number,
    /// <summary>A truth value.</summary>
    Bool,
}

/// <summary>A value computed by an expression: a decimal, a truth value or missing.</summary>
public readonly record struct XValue(XKind Kind, decimal Number)
{
    /// <summary>The missing value.</summary>
    public static readonly XValue Missing = new(XKind.Missing, 0m);

    /// <summary>True.</summary>
    public static readonly XValue True = new(XKind.Bool, 1m);

    /// <summary>False.</summary>
    public static readonly XValue False = new(XKind.Bool, 0m);

    /// <summary>A number.</summary>
    public static XValue Of(decimal number) => new(XKind.Number, number);

    /// <summary>A number, or missing for null.</summary>
    public static XValue Of(decimal? number) => number is { } n ? new(XKind.Number, n) : Missing;

    /// <summary>A truth value.</summary>
    public static XValue Of(bool value) => value ? True : False;

    /// <summary>True for a true truth value; false for false and for missing.</summary>
    public bool IsTrue => Kind == XKind.Bool && Number != 0m;

    /// <summary>The number, or null when missing.</summary>
    public decimal? AsNumber => Kind == XKind.Number ? Number : null;
}

/// <summary>
/// What an expression reads while it is evaluated. The scoring engine and the payout engine each
/// supply one. Reading a missing actual (not a waived one) sets <see cref="ReadMissing"/>.
/// </summary>
public abstract class EvalScope
{
    /// <summary>Set when the expression read a missing indicator, directly or through a group.</summary>
    public bool ReadMissing { get; set; }

    /// <summary>The actual of indicator number <paramref name="indicator"/> (missing when missing or waived).</summary>
    public abstract XValue Actual(int indicator);

    /// <summary>The score <c>s</c> of an indicator (0 when missing, missing when waived).</summary>
    public abstract XValue Score(int indicator);

    /// <summary><c>A(group)</c> of a group or <c>s</c> of an indicator; node numbers are pre-order.</summary>
    public abstract XValue Achievement(int node);

    /// <summary>Points of a group or an indicator.</summary>
    public abstract XValue Points(int node);

    /// <summary>A free name: <c>base_salary</c>, <c>team.revenue</c>, <c>product.gmv</c>, <c>person.x</c>.</summary>
    public abstract XValue Name(string name);
}
