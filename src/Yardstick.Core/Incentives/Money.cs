using System.Globalization;
using System.Text.RegularExpressions;
using Yardstick.Core.Common;

namespace Yardstick.Core.Incentives;

/// <summary>
/// An amount of money in an ISO 4217 currency. Amounts are exact decimals; <see cref="Round"/> is the
/// one place money is rounded: to 0.01, midpoint away from zero. Amounts in different currencies are
/// never added together.
/// </summary>
public readonly partial record struct Money
{
    /// <summary>The default currency.</summary>
    public const string DefaultCurrency = "CNY";

    private Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = currency;
    }

    /// <summary>The amount, unrounded until <see cref="Round"/>.</summary>
    public decimal Amount { get; }

    /// <summary>The ISO 4217 code, e.g. CNY.</summary>
    public string Currency { get; }

    /// <summary>Creates an amount; the currency must be three capital letters (ISO 4217).</summary>
    public static Result<Money> Create(decimal amount, string currency) =>
        IsCurrency(currency)
            ? new Money(amount, currency)
            : ProblemText.NotACurrency("currency", currency);

    /// <summary>An amount in a currency already known to be valid.</summary>
    internal static Money Of(decimal amount, string currency) => new(amount, currency);

    /// <summary>True for three capital ASCII letters.</summary>
    public static bool IsCurrency(string? code) => code is not null && CurrencyPattern().IsMatch(code);

    /// <summary>The amount rounded to the fen (0.01), midpoint away from zero.</summary>
    public Money Round() => new(RoundAmount(Amount), Currency);

    /// <summary>Rounds an amount to 0.01, midpoint away from zero: the project's only money rounding.</summary>
    public static decimal RoundAmount(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Rounds an amount down (toward −∞) to the fen: the first step of a largest-remainder split, whose missing
    /// fens are then handed out one by one (scoring.md §4 "Shares").
    /// </summary>
    public static decimal RoundDownAmount(decimal amount) => Math.Floor(amount * 100m) / 100m;

    /// <summary>
    /// An amount in minor units (fen, cent: 1/100 of the unit), as the database stores money: rounded once with
    /// <see cref="RoundAmount"/> (0.01, midpoint away from zero), then exact. Throws <see cref="OverflowException"/>
    /// beyond the range of <see cref="long"/>. The only conversion to minor units.
    /// </summary>
    public static long ToMinor(decimal amount) => checked((long)(RoundAmount(amount) * 100m));

    /// <summary>An amount of minor units (fen) back in units, exact: 2076038 is 20,760.38. The only conversion from minor units.</summary>
    public static decimal FromMinor(long minor) => minor / 100m;

    /// <summary>
    /// True when <paramref name="amount"/> is a whole number of minor units (at most two decimals), so that
    /// <see cref="ToMinor"/> stores it without rounding; inputs that must not be rounded are checked with it.
    /// </summary>
    public static bool IsWholeMinor(decimal amount) => decimal.Truncate(amount * 100m) == amount * 100m;

    /// <summary>Adds two amounts of the same currency; different currencies are a bug in the caller.</summary>
    public static Money operator +(Money a, Money b) =>
        a.Currency == b.Currency ? new Money(a.Amount + b.Amount, a.Currency) : throw new InvalidOperationException($"cannot add {a.Currency} to {b.Currency}");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:#,##0.00} {Currency}");

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
