namespace Yardstick.App.Files;

/// <summary>A product as read from its file: its rows (one per owner) merged, the owners in file order.</summary>
public sealed record ProductRow(int Line, string Id, string? Name, DateOnly? Launch, List<(string Owner, int Line)> Owners);

/// <summary>
/// The products format: <c>product,name,owner,launch_date</c> (owner and launch date may be empty). A product with
/// several owner PMs has one row per owner; its rows must agree on the name and the launch date.
/// </summary>
public static class ProductsFile
{
    private static readonly string[] Required = ["product", "name", "owner", "launch_date"];

    /// <returns>The products by id, the number of rows, and the columns.</returns>
    public static (Dictionary<string, ProductRow> Products, int Rows, TableColumns? Columns) Read(InputFile file, Problems problems)
    {
        var products = new Dictionary<string, ProductRow>(StringComparer.Ordinal);
        var ownerLines = new Dictionary<(string, string), int>();
        var count = 0;
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, [], problems))
        {
            columns ??= row.Columns;
            count++;
            if (row.Required("product", problems) is not { } id)
                continue;
            row.IsId("product", problems);
            row.IsName("name", problems);
            row.IsId("owner", problems);
            var name = row.Text("name");
            var owner = row.Text("owner");
            var launch = row.Date("launch_date", problems);
            if (!products.TryGetValue(id, out var product))
            {
                products[id] = product = new ProductRow(row.Line, id, name, launch, []);
            }
            else
            {
                // a product's later rows name further owners; what they say of the product must match its first row
                if (!string.Equals(name, product.Name, StringComparison.Ordinal))
                    problems.At(row.At("name"), $"产品 '{id}' 在第 {product.Line} 行叫 '{product.Name}'，这里叫 '{name}'；产品的每一行（每个负责人一行）请用同一个名称", $"product '{id}' is named '{product.Name}' on line {product.Line} and '{name}' here; give one name on every row of the product (a row per owner)");
                if (launch != product.Launch)
                    problems.At(row.At("launch_date"), $"产品 '{id}' 在第 {product.Line} 行的上线日期是 {Day(product.Launch, true)}，这里是 {Day(launch, true)}；产品的每一行请用同一个上线日期", $"product '{id}' launches {Day(product.Launch, false)} on line {product.Line} and {Day(launch, false)} here; give one launch date on every row of the product (a row per owner)");
                if (owner is null)
                    problems.At(row.At("owner"), $"产品 '{id}'（首见于第 {product.Line} 行）的后续行负责人为空；每个后续行应写另一位负责人", $"owner is empty on a further row of product '{id}' (first on line {product.Line}); each further row names another owner");
            }

            if (owner is null)
                continue;
            if (!ownerLines.TryAdd((id, owner), row.Line))
                problems.At(row.At("owner"), $"产品 '{id}' 的负责人 '{owner}' 重复：第 {ownerLines[(id, owner)]} 行和第 {row.Line} 行；请保留一行", $"duplicate owner '{owner}' of product '{id}': lines {ownerLines[(id, owner)]} and {row.Line}; keep one");
            else
                product.Owners.Add((owner, row.Line));
        }

        return (products, count, columns);
    }

    private static string Day(DateOnly? d, bool zh) => d is { } day ? Dates.Format(day) : zh ? "（无日期）" : "(no date)";
}
