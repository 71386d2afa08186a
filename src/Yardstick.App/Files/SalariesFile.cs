using Yardstick.Core.Incentives;

namespace Yardstick.App.Files;

/// <summary>A monthly base salary as read from its file, in minor units (fen).</summary>
public sealed record SalaryRow(int Line, string Person, DateOnly From, long AmountMinor, string Currency);

/// <summary>The salaries format: <c>person,base_salary,effective_from</c>, optionally <c>currency</c> (default CNY); amounts exact to the fen.</summary>
public static class SalariesFile
{
    private static readonly string[] Required = ["person", "base_salary", "effective_from"];
    private static readonly string[] Optional = ["currency"];

    public static (List<SalaryRow> Rows, TableColumns? Columns) Read(InputFile file, Problems problems)
    {
        var rows = new List<SalaryRow>();
        var lines = new Dictionary<(string, DateOnly), int>();
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, Optional, problems))
        {
            columns ??= row.Columns;
            var person = row["person"];
            if (person.Length == 0)
                problems.At(row.At("person"), "人员为空", "the person is empty");
            row.IsId("person", problems);
            var text = row["base_salary"];
            long minor = 0;
            if (!Numbers.TryParse(text, allowSign: false, out var amount) || amount <= 0)
                problems.At(row.At("base_salary"), $"'{text}' 不是有效的工资；应为用 '.' 作小数点的正数，例如 30000.00", $"'{text}' is not a salary; expected a positive amount with '.' such as 30000.00");
            else if (Numbers.TooLarge(text, amount, Numbers.MoneyLimit) is { } large)
                problems.At(row.At("base_salary"), large);
            else if (!Money.IsWholeMinor(amount))
                problems.At(row.At("base_salary"), $"{text} 超过两位小数；工资精确到分", $"{text} has more than two decimals; salaries are exact to the fen");
            else
                minor = Money.ToMinor(amount);
            var currency = row.Text("currency") ?? Money.DefaultCurrency;
            if (!Money.IsCurrency(currency))
                problems.At(row.At("currency"), $"'{currency}' 不是币种；应为 ISO 4217 代码，例如 CNY", $"'{currency}' is not a currency; expected an ISO 4217 code such as CNY");
            if (row.RequiredDate("effective_from", problems) is not { } from)
            {
                // kept for the import's checks of the person; a file with problems is never written
                rows.Add(new SalaryRow(row.Line, person, default, minor, currency));
                continue;
            }
            if (!lines.TryAdd((person, from), row.Line))
            {
                problems.At(row.At("effective_from"), $"人员 '{person}' 从 {Dates.Format(from)} 起的行重复：第 {lines[(person, from)]} 行和第 {row.Line} 行；请保留一行", $"duplicate row for person '{person}' from {Dates.Format(from)}: lines {lines[(person, from)]} and {row.Line}; keep one");
                continue;
            }

            rows.Add(new SalaryRow(row.Line, person, from, minor, currency));
        }

        return (rows, columns);
    }
}
