using System.Globalization;
using CsCheck;
using Yardstick.Core.Incentives;

namespace Yardstick.Core.Tests.Incentives;

/// <summary>Money to and from minor units (fen): rounded once, half away from zero, exact back.</summary>
public class MoneyTests
{
    [Theory]
    [InlineData("20760.38", 2076038)]
    [InlineData("20760.384", 2076038)]
    [InlineData("20760.385", 2076039)]
    [InlineData("0.005", 1)]
    [InlineData("0.0049", 0)]
    [InlineData("-0.005", -1)]
    [InlineData("-1234.565", -123457)]
    [InlineData("30000", 3000000)]
    [InlineData("0", 0)]
    public void ToMinor_RoundsOnceHalfAwayFromZero(string amount, long minor) =>
        Assert.Equal(minor, Money.ToMinor(Dec(amount)));

    [Theory]
    [InlineData(2076038, "20760.38")]
    [InlineData(1, "0.01")]
    [InlineData(-123457, "-1234.57")]
    [InlineData(0, "0")]
    public void FromMinor_DividesByAHundredExactly(long minor, string amount) =>
        Assert.Equal(Dec(amount), Money.FromMinor(minor));

    [Fact]
    public void ToMinor_BeyondLong_Throws() =>
        Assert.Throws<OverflowException>(() => Money.ToMinor(decimal.MaxValue / 10m));

    [Fact]
    public void ToMinorFromMinor_AnyAmount_IsTheRoundedAmount() =>
        Gen.Decimal[-1_000_000_000m, 1_000_000_000m].Sample(d =>
            Money.FromMinor(Money.ToMinor(d)) == Money.RoundAmount(d) && Money.ToMinor(Money.FromMinor(Money.ToMinor(d))) == Money.ToMinor(d));

    [Theory]
    [InlineData("12345.67", true)]
    [InlineData("12345.6", true)]
    [InlineData("12345.670", true)]
    [InlineData("12345.675", false)]
    [InlineData("-0.001", false)]
    public void IsWholeMinor_AtMostTwoDecimals(string amount, bool whole) =>
        Assert.Equal(whole, Money.IsWholeMinor(Dec(amount)));

    [Theory]
    [InlineData("0.019", "0.01")]
    [InlineData("12.3456", "12.34")]
    [InlineData("-0.001", "-0.01")]
    [InlineData("5", "5")]
    public void RoundDownAmount_TowardMinusInfinityToTheFen(string amount, string down) =>
        Assert.Equal(Dec(down), Money.RoundDownAmount(Dec(amount)));

    private static decimal Dec(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
}
