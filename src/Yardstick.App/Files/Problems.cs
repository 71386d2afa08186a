using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.App.Files;

/// <summary>
/// Collects the problems of one use case, in the order they are found. Only the first <see cref="MaxShown"/>
/// are kept; the rest are counted (a 1,000,000-row file full of errors must not fill memory with messages).
/// </summary>
public sealed class Problems
{
    public const int MaxShown = 100;

    private readonly List<Problem> _kept = [];

    public int Count { get; private set; }

    public bool Any => Count > 0;

    /// <summary>Bad input at a position in a file.</summary>
    public void At(string file, int line, int column, string zh, string en, string? code = null) =>
        Add(Problem.Invalid(Location.At(file, line, column), zh, en, code));

    /// <summary>Bad input at <paramref name="where"/>.</summary>
    public void At(Location where, string zh, string en, string? code = null) => Add(Problem.Invalid(where, zh, en, code));

    /// <summary>Bad input at <paramref name="where"/>.</summary>
    public void At(Location where, LocalizedText message) => Add(new Problem(ProblemKind.Invalid, where, message));

    /// <summary>Bad input in a field, or in a part of a file without a position.</summary>
    public void In(string field, string zh, string en, string? code = null) => Add(Problem.Invalid(field, zh, en, code));

    /// <summary>A problem found elsewhere (a value's, the engine's) placed at a position in a file.</summary>
    public void At(string file, int line, int column, Problem problem) => Add(problem.At(Location.At(file, line, column)));

    public void Add(Problem problem)
    {
        Count++;
        if (_kept.Count < MaxShown)
            _kept.Add(problem);
    }

    /// <summary>
    /// Everything <paramref name="other"/> collected, as if it had been added here in its order: a file read on another
    /// thread into a collector of its own joins the report exactly where a sequential read would have put it.
    /// </summary>
    public void AddFrom(Problems other)
    {
        foreach (var p in other._kept)
            Add(p);
        Count += other.Count - other._kept.Count;
    }

    public void AddRange(IEnumerable<Problem> problems)
    {
        foreach (var p in problems)
            Add(p);
    }

    /// <summary>
    /// The problems kept, then one counting the rest. Problems in files are ordered by file (in the order the files
    /// were first named), then line and column, so a report reads top to bottom whatever check found what; the
    /// others come first, in the order they were found.
    /// </summary>
    public IReadOnlyList<Problem> ToList()
    {
        var files = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in _kept)
            if (p.Where.File is { } f)
                files.TryAdd(f, files.Count);
        var sorted = _kept.OrderBy(p => p.Where.File is { } f ? files[f] : -1).ThenBy(p => p.Where.Line).ThenBy(p => p.Where.Column).ToList();
        if (Count <= _kept.Count)
            return sorted;
        var rest = Count - _kept.Count;
        return
        [
            .. sorted,
            new Problem(_kept[0].Kind, Location.None, new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"…另有 {rest} 个问题"),
                string.Create(CultureInfo.InvariantCulture, $"… and {rest} more problems")), "more"),
        ];
    }

    /// <summary>One problem, one line: a quoted value may hold line breaks.</summary>
    public static string OneLine(string text) =>
        text.Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
