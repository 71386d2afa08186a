using System.Globalization;
using Yardstick.Core.Common;

namespace Yardstick.App.Files;

/// <summary>
/// Collects the problems of one command run, in the order they are found. Only the first
/// <see cref="MaxShown"/> are kept; the rest are counted (a 1,000,000-row file full of errors must
/// not fill memory with messages).
/// </summary>
public sealed class Problems
{
    public const int MaxShown = 100;

    private readonly List<string> _lines = [];

    public int Count { get; private set; }

    public bool Any => Count > 0;

    /// <summary>A problem at a position in a file: <c>FILE:LINE:COLUMN: message</c>.</summary>
    public void At(string file, int line, int column, string message) =>
        Add(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}:{column}: {message}"));

    /// <summary>A problem with an option or a part of a file without a position: <c>WHERE: message</c>.</summary>
    public void In(string where, string message) => Add($"{where}: {message}");

    public void Add(string line)
    {
        // one problem, one line: a quoted value may hold line breaks
        line = line.Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
        Count++;
        if (_lines.Count < MaxShown)
            _lines.Add(line);
    }

    /// <summary>The problems kept, then one line counting the rest, as problems whose text is the whole line.</summary>
    public IReadOnlyList<Problem> ToList()
    {
        var list = _lines.Select(l => new Problem("", l)).ToList();
        if (Count > _lines.Count)
            list.Add(new Problem("", string.Create(CultureInfo.InvariantCulture, $"… and {Count - _lines.Count} more problems")));
        return list;
    }

    public void WriteTo(TextWriter writer)
    {
        foreach (var line in _lines)
            writer.WriteLine(line);
        if (Count > _lines.Count)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… and {Count - _lines.Count} more problems"));
    }
}
