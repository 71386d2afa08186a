namespace Yardstick.Core.Incentives;

/// <summary>One member's part of a split pool.</summary>
/// <param name="Person">The member.</param>
/// <param name="Share">The member's share (any non-negative scale).</param>
/// <param name="Exact">The exact, unrounded part of the unrounded pool.</param>
/// <param name="Amount">The part in fen-exact money.</param>
/// <param name="ExtraFen">True when the member received one of the fens left over by rounding down.</param>
public sealed record SplitLine(string Person, decimal Share, decimal Exact, decimal Amount, bool ExtraFen);

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
        var total = shares.Sum(s => s.Share);
        var equal = total == 0;
        var used = equal ? shares.Select(s => (s.Person, Share: 1m)).ToList() : [.. shares];
        if (equal)
            total = used.Count;

        var rounded = Money.RoundAmount(pool);
        var exact = new decimal[used.Count];
        var down = new decimal[used.Count];
        for (var i = 0; i < used.Count; i++)
        {
            exact[i] = pool * used[i].Share / total;
            down[i] = Math.Floor(exact[i] * 100m) / 100m;
        }

        var missingFens = (int)((rounded - down.Sum()) * 100m);
        var order = Enumerable.Range(0, used.Count)
            .OrderByDescending(i => exact[i] - down[i])
            .ThenByDescending(i => used[i].Share)
            .ThenBy(i => used[i].Person, StringComparer.Ordinal)
            .ToArray();
        var extra = new bool[used.Count];
        for (var k = 0; k < missingFens; k++)
            extra[order[k % order.Length]] = true;
        if (missingFens > order.Length)
            throw new InvalidOperationException($"{missingFens} fens left for {order.Length} lines; rounding down cannot lose more than one fen a line");

        var lines = new SplitLine[used.Count];
        for (var i = 0; i < used.Count; i++)
            lines[i] = new SplitLine(used[i].Person, shares[i].Share, exact[i], down[i] + (extra[i] ? 0.01m : 0m), extra[i]);
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
