using Yardstick.Core.Lifecycle;

namespace Yardstick.Cli.Input;

/// <summary>Reads <c>product,stage,from</c>: each product's lifecycle stage history (scoring.md §6).</summary>
internal static class StagesFile
{
    private static readonly string[] Required = ["product", "stage", "from"];

    public static Dictionary<string, StageHistory> Read(string path, Problems problems)
    {
        var changes = new Dictionary<string, List<(StageChange Change, int Line)>>(StringComparer.Ordinal);
        var c = new int[3];
        foreach (var row in TableFile.Read(path, Required, [], c, problems))
        {
            var product = row[c[0]].Trim();
            var stage = row[c[1]].Trim();
            if (product.Length == 0)
            {
                problems.At(path, row.Line, c[0] + 1, "the product is empty; every row needs a product id");
                continue;
            }

            if (!StageHistory.Stages.Contains(stage))
            {
                problems.At(path, row.Line, c[1] + 1, $"unknown stage '{stage}'; expected {string.Join(", ", StageHistory.Stages)}");
                continue;
            }

            if (Dates.Parse(row[c[2]]) is not { } from)
            {
                problems.At(path, row.Line, c[2] + 1, Dates.Bad(row[c[2]]));
                continue;
            }

            if (!changes.TryGetValue(product, out var list))
                changes.Add(product, list = []);
            if (list.FirstOrDefault(x => x.Change.From == from) is { Line: > 0 } same)
            {
                problems.At(path, row.Line, c[2] + 1, $"product '{product}' has two stages from {from:yyyy-MM-dd}: lines {same.Line} and {row.Line}; keep one");
                continue;
            }

            list.Add((new StageChange(stage, from), row.Line));
        }

        var histories = new Dictionary<string, StageHistory>(StringComparer.Ordinal);
        foreach (var (product, list) in changes)
        {
            var history = StageHistory.Create(product, list.Select(x => x.Change));
            if (history.IsSuccess)
                histories.Add(product, history.Value);
            else
                foreach (var p in history.Problems)
                    problems.At(path, list[0].Line, 1, p.ToString());
        }

        return histories;
    }
}
