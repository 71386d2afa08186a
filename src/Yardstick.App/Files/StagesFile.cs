using Yardstick.Core.Lifecycle;

namespace Yardstick.App.Files;

/// <summary>A lifecycle stage of a product from a day on, with its line.</summary>
public sealed record StageRow(string Product, string Stage, DateOnly From, int Line);

/// <summary>The lifecycle stages format, <c>product,stage,from</c>: each product's stage history (scoring.md §6).</summary>
public static class StagesFile
{
    private static readonly string[] Required = ["product", "stage", "from"];

    public static (List<StageRow> Rows, TableColumns? Columns) Read(InputFile file, Problems problems)
    {
        var rows = new List<StageRow>();
        var lines = new Dictionary<(string, DateOnly), int>();
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, [], problems))
        {
            columns ??= row.Columns;
            var product = row.Required("product", problems);
            row.IsId("product", problems);
            var stage = row["stage"];
            var known = StageHistory.Stages.Contains(stage);
            if (!known)
                problems.At(row.At("stage"), $"未知阶段 '{stage}'；应为 {string.Join(", ", StageHistory.Stages)}", $"unknown stage '{stage}'; expected {string.Join(", ", StageHistory.Stages)}");
            var from = row.RequiredDate("from", problems);
            if (product is null)
                continue;
            if (from is null || !known)
            {
                // kept for the checks of the product; a file with problems is never used
                rows.Add(new StageRow(product, stage, default, row.Line));
                continue;
            }

            if (!lines.TryAdd((product, from.Value), row.Line))
            {
                problems.At(row.At("from"), $"产品 '{product}' 有两个从 {Dates.Format(from.Value)} 开始的阶段：第 {lines[(product, from.Value)]} 行和第 {row.Line} 行；请保留一行", $"product '{product}' has two stages from {Dates.Format(from.Value)}: lines {lines[(product, from.Value)]} and {row.Line}; keep one");
                continue;
            }

            rows.Add(new StageRow(product, stage, from.Value, row.Line));
        }

        return (rows, columns);
    }

    /// <summary>Each product's history; a history Core refuses is a problem at the product's first line.</summary>
    public static Dictionary<string, StageHistory> Histories(string file, IEnumerable<StageRow> rows, Problems problems)
    {
        var histories = new Dictionary<string, StageHistory>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Product, StringComparer.Ordinal))
        {
            var history = StageHistory.Create(group.Key, group.Select(r => new StageChange(r.Stage, r.From)));
            if (history.IsSuccess)
                histories.Add(group.Key, history.Value);
            else
                foreach (var p in history.Problems)
                    problems.Add(p.At(Core.Common.Location.At(file, group.First().Line, 1)).Prefixed($"产品 {group.Key}：", $"product {group.Key}: "));
        }

        return histories;
    }
}
