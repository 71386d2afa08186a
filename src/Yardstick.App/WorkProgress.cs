namespace Yardstick.App;

/// <summary>Progress of a long use case: a stage name, the work done and the total (0 when unknown).</summary>
public readonly record struct WorkProgress(string Stage, long Done, long Total);

/// <summary>Reports on the calling thread (<see cref="Progress{T}"/> posts to the thread pool, so reports could arrive late and out of order).</summary>
internal sealed class Reporter(Action<int> report) : IProgress<int>
{
    public void Report(int value) => report(value);
}
