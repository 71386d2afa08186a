using Yardstick.App.Evaluation;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Data;

namespace Yardstick.App.Results;

/// <summary>
/// What a stored run evaluates to, kept in memory for a long-lived front end (the web host: one per process): a run never
/// changes once stored (a new calculation is a new run), so its lines and its evaluation from its stored inputs are read
/// once, not on every request, and a scheme version is compiled once. Keyed by the run's id and its results digest; holds the last <see cref="Runs"/> runs'
/// lines and the last <see cref="Evaluations"/> evaluations (about 6 KB per person each). Access is still asked on every
/// request: the cache holds everyone's figures, and the use cases filter them for the user as before.
/// </summary>
public sealed class RunCache
{
    public const int Runs = 8;
    public const int Evaluations = 2;

    private readonly Lru<(long, string), IReadOnlyList<ResultLine>> _lines = new(Runs);
    private readonly Lru<(long, string), Result<(EvaluationInputs Inputs, EvaluationResult Result)>> _evaluations = new(Evaluations);
    private readonly Lru<(int, string), Result<(SchemeDocument Document, IReadOnlyList<CompiledScheme> Schemes)>> _schemes = new(Runs);

    internal Task<IReadOnlyList<ResultLine>> LinesAsync(CalculationRun run, Func<Task<IReadOnlyList<ResultLine>>> read) => _lines.GetAsync(Key(run), read, _ => true);

    /// <summary>The run evaluated from its stored inputs; a failure (a legacy run, a changed engine) is not kept, its message names the period's state of the moment.</summary>
    internal Task<Result<(EvaluationInputs Inputs, EvaluationResult Result)>> EvaluationAsync(CalculationRun run, Func<Task<Result<(EvaluationInputs, EvaluationResult)>>> evaluate) =>
        _evaluations.GetAsync(Key(run), evaluate, r => r.IsSuccess);

    /// <summary>A scheme version compiled (immutable once a period uses it; keyed by its id and its JSON); a failure is not kept.</summary>
    internal Result<(SchemeDocument Document, IReadOnlyList<CompiledScheme> Schemes)> Scheme(SchemeVersion version) =>
        _schemes.Get((version.Id, version.Json), () => PeriodScheme.Compile(version.Json, version.AuditKey), r => r.IsSuccess);

    private static (long, string) Key(CalculationRun run) => (run.Id, run.ResultsHash);

    /// <summary>
    /// The most recently used values; a value is computed outside the lock (two first requests may both compute it) and
    /// only what <c>keep</c> accepts is kept; an exception reaches its caller and leaves nothing behind.
    /// </summary>
    private sealed class Lru<TKey, T>(int capacity)
        where TKey : IEquatable<TKey>
    {
        private readonly LinkedList<(TKey Key, T Value)> _order = new();
        private readonly Lock _lock = new();

        public async Task<T> GetAsync(TKey key, Func<Task<T>> compute, Func<T, bool> keep) =>
            TryGet(key, out var found) ? found : Keep(key, await compute(), keep);

        public T Get(TKey key, Func<T> compute, Func<T, bool> keep) =>
            TryGet(key, out var found) ? found : Keep(key, compute(), keep);

        private bool TryGet(TKey key, out T value)
        {
            lock (_lock)
            {
                for (var node = _order.First; node is not null; node = node.Next)
                {
                    if (!node.Value.Key.Equals(key))
                        continue;
                    _order.Remove(node);
                    _order.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
            }

            value = default!;
            return false;
        }

        private T Keep(TKey key, T value, Func<T, bool> keep)
        {
            lock (_lock)
            {
                if (keep(value) && !_order.Any(n => n.Key.Equals(key)))
                {
                    _order.AddFirst((key, value));
                    while (_order.Count > capacity)
                        _order.RemoveLast();
                }
            }

            return value;
        }
    }
}
