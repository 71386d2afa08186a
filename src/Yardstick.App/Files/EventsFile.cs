using Yardstick.Core.Incentives;

namespace Yardstick.App.Files;

/// <summary>A milestone event as read from its file, with its line.</summary>
public sealed record EventRow(MilestoneEvent Event, int Line);

/// <summary>The milestone events format, <c>product,event,date</c> (demand_validated, pilot_launched, …).</summary>
public static class EventsFile
{
    private static readonly string[] Required = ["product", "event", "date"];

    public static (List<EventRow> Rows, TableColumns? Columns) Read(InputFile file, Problems problems, bool allowEmpty = false)
    {
        var events = new List<EventRow>();
        var lines = new Dictionary<(string, string), int>();
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, [], problems, allowEmpty))
        {
            columns ??= row.Columns;
            var product = row.Required("product", problems);
            var name = row.Required("event", problems);
            var date = row.RequiredDate("date", problems);
            if (!row.IsId("product", problems) | !row.IsId("event", problems))
                continue;
            if (product is null || name is null || date is null)
                continue;
            if (lines.TryGetValue((product, name), out var earlier))
            {
                problems.At(row.At("event"), $"产品 '{product}' 的事件 '{name}' 记录了两次：第 {earlier} 行和第 {row.Line} 行；里程碑只发生一次，请保留一行", $"event '{name}' of product '{product}' is recorded twice: lines {earlier} and {row.Line}; a milestone happens once, keep one");
                continue;
            }

            lines[(product, name)] = row.Line;
            events.Add(new EventRow(new MilestoneEvent(product, name, date.Value), row.Line));
        }

        return (events, columns);
    }
}
