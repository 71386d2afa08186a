using Yardstick.Core.Incentives;

namespace Yardstick.Cli.Input;

/// <summary>Reads <c>product,event,date</c>: milestone events (demand_validated, pilot_launched, …).</summary>
internal static class EventsFile
{
    private static readonly string[] Required = ["product", "event", "date"];

    public static List<MilestoneEvent> Read(string path, Problems problems)
    {
        var events = new List<MilestoneEvent>();
        var lines = new Dictionary<(string, string), int>();
        var c = new int[3];
        foreach (var row in TableFile.Read(path, Required, [], c, problems))
        {
            var product = row[c[0]].Trim();
            var name = row[c[1]].Trim();
            if (product.Length == 0)
            {
                problems.At(path, row.Line, c[0] + 1, "the product is empty; every row needs a product id");
                continue;
            }

            if (name.Length == 0)
            {
                problems.At(path, row.Line, c[1] + 1, "the event is empty; name the milestone, e.g. demand_validated");
                continue;
            }

            if (Dates.Parse(row[c[2]]) is not { } date)
            {
                problems.At(path, row.Line, c[2] + 1, Dates.Bad(row[c[2]]));
                continue;
            }

            if (lines.TryGetValue((product, name), out var earlier))
            {
                problems.At(path, row.Line, c[1] + 1, $"event '{name}' of product '{product}' is recorded twice: lines {earlier} and {row.Line}; a milestone happens once, keep one");
                continue;
            }

            lines[(product, name)] = row.Line;
            events.Add(new MilestoneEvent(product, name, date));
        }

        return events;
    }
}
