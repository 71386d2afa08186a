using CsCheck;
using Yardstick.Core.Common;

namespace Yardstick.Core.Tests.Common;

public sealed class DecimalsTests
{
    private static readonly decimal One = 1.000000000000000000000000000000000m;

    [Theory]
    [InlineData("5.0", "5")]
    [InlineData("0.8530", "0.853")]
    [InlineData("5600000.00", "5600000")]
    [InlineData("0.853", "0.853")]
    [InlineData("-12.50", "-12.5")]
    [InlineData("500", "500")]
    [InlineData("0.000", "0")]
    public void Canonical_TrailingZeros_Removed(string text, string expected) =>
        Assert.Equal(expected, Decimals.Canonical(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Canonical_AnyDecimal_SameBitsAsDivisionByOne() =>
        Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Bool, Gen.Byte[0, 28], Gen.Int[0, 3], (lo, mid, hi, negative, scale, zeros) =>
                // small mantissas ending in zeros are the interesting case: a quarter of the values are such
                zeros > 0 ? new decimal((lo & 1023) * (int)Math.Pow(10, zeros), 0, 0, negative, scale) : new decimal(lo, mid, hi, negative, scale))
            .Sample(value => Assert.Equal(decimal.GetBits(value / One), decimal.GetBits(Decimals.Canonical(value))), iter: 200_000);
}
