namespace Yardstick.Core.Incentives.Payouts;

/// <summary>Career tracks of the plan: each person's standing, from their grades within each track's window.</summary>
internal static class CareerTracks
{
    public static IReadOnlyDictionary<string, IReadOnlyList<CareerStatus>> Standing(PayoutRun run)
    {
        var plan = run.Plan;
        var result = new Dictionary<string, IReadOnlyList<CareerStatus>>(StringComparer.Ordinal);
        var grades = plan.Scheme.Scheme.Grades.Select(g => g.Grade).ToList();
        if (plan.Plan.CareerTracks.Count == 0)
            return result;
        foreach (var card in run.Cards)
        {
            var history = run.WithCurrent(card);
            var list = new List<CareerStatus>();
            foreach (var track in plan.Plan.CareerTracks)
            {
                var window = history.TakeLast(track.Window).ToList();
                var bar = grades.IndexOf(track.MinGrade);
                var count = window.Count(g => grades.IndexOf(g.Grade) is var i && i >= 0 && i <= bar);
                list.Add(new CareerStatus(track, count >= track.MinCount, count, window));
            }

            if (list.Count > 0)
                result[card.Person] = list;
        }

        return result;
    }
}
