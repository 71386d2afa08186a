namespace Yardstick.Core.Incentives;

/// <summary>One member's part of a split pool.</summary>
/// <param name="Person">The member.</param>
/// <param name="Share">The member's share (any non-negative scale).</param>
/// <param name="Exact">The exact, unrounded part of the unrounded pool.</param>
/// <param name="Amount">The part in fen-exact money.</param>
/// <param name="ExtraFen">True when the member received one of the fens left over by rounding down.</param>
public readonly record struct SplitLine(string Person, decimal Share, decimal Exact, decimal Amount, bool ExtraFen);

/// <summary>
/// Splits a pool by largest remainder (scoring.md §4 "Shares"): each line is its exact share of the
/// unrounded pool rounded down to the fen; the fens missing to reach the rounded pool go one each to
/// the largest remainders, then the largest shares, then the lowest person ids (ordinal). The lines
/// sum exactly to the rounded pool. Shares summing to 0 split the pool equally.
/// </summary>
public static class PoolSplit
{
    /// <summary>Splits <paramref name="pool"/> (unrounded, not negative) among <paramref name="shares"/>.</summary>
    /// <returns>The lines in the order of <paramref name="shares"/>, and whether the shares summed to 0 (equal split).</returns>
    public static (IReadOnlyList<SplitLine> Lines, bool EqualFallback) Split(decimal pool, IReadOnlyList<(string Person, decimal Share)> shares)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pool);
        if (shares.Count == 0)
            return ([], false);
        var n = shares.Count;
        decimal total = 0;
        for (var i = 0; i < n; i++)
            total += shares[i].Share;
        var equal = total == 0;
        if (equal)
            total = n;

        var rounded = Money.RoundAmount(pool);
        var lines = new SplitLine[n];
        var remainder = new decimal[n];
        decimal downSum = 0;
        for (var i = 0; i < n; i++)
        {
            var exact = pool * (equal ? 1m : shares[i].Share) / total;
            var down = Money.RoundDownAmount(exact);
            lines[i] = new SplitLine(shares[i].Person, shares[i].Share, exact, down, false);
            remainder[i] = exact - down;
            downSum += down;
        }

        var missingFens = checked((int)(Money.ToMinor(rounded) - Money.ToMinor(downSum)));
        if (missingFens > n)
            throw new InvalidOperationException($"{missingFens} fens left for {n} lines; rounding down cannot lose more than one fen a line");
        if (missingFens > 0)
        {
            // Largest remainder first, then the largest share, then the lowest person id (ordinal).
            var order = new int[n];
            for (var i = 0; i < n; i++)
                order[i] = i;
            Array.Sort(order, (a, b) =>
            {
                var c = remainder[b].CompareTo(remainder[a]);
                if (c == 0)
                    c = shares[b].Share.CompareTo(shares[a].Share);
                return c != 0 ? c : string.CompareOrdinal(shares[a].Person, shares[b].Person);
            });
            for (var k = 0; k < missingFens; k++)
            {
                ref var line = ref lines[order[k]];
                line = line with { Amount = line.Amount + 0.01m, ExtraFen = true };
            }
        }

        return (lines, equal);
    }
}

/// <summary>A piecewise-linear curve through points [x, y], flat before the first and after the last.</summary>
public static class Curve
{
    /// <summary>The curve's value at <paramref name="x"/>.</summary>
    public static decimal At(IReadOnlyList<CurvePoint> points, decimal x)
    {
        if (x <= points[0].X)
            return points[0].Y;
        for (var i = 1; i < points.Count; i++)
        {
            var (p, q) = (points[i - 1], points[i]);
            if (x <= q.X)
                return p.Y + ((x - p.X) * (q.Y - p.Y) / (q.X - p.X));
        }

        return points[^1].Y;
    }
}
