namespace Yardstick.Core.Incentives.Payouts;

/// <summary>A person's lines: most people have one, so the first is kept without a list.</summary>
internal sealed class PersonLines(PayoutLine first) : IReadOnlyList<PayoutLine>
{
    private List<PayoutLine>? _rest;

    public int Count => 1 + (_rest?.Count ?? 0);

    public PayoutLine this[int index] => index == 0 ? first : _rest![index - 1];

    public void Add(PayoutLine line) => (_rest ??= []).Add(line);

    /// <summary>The line of rule <paramref name="rule"/>, or null.</summary>
    public PayoutLine? Find(string rule)
    {
        for (var i = 0; i < Count; i++)
            if (this[i].Rule == rule)
                return this[i];
        return null;
    }

    public IEnumerator<PayoutLine> GetEnumerator()
    {
        yield return first;
        foreach (var line in _rest ?? [])
            yield return line;
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The run's lines by person, read-only, without copying the run's dictionary.</summary>
internal sealed class LinesByPerson(Dictionary<string, PersonLines> lines) : IReadOnlyDictionary<string, IReadOnlyList<PayoutLine>>
{
    public IReadOnlyList<PayoutLine> this[string key] => lines[key];

    public IEnumerable<string> Keys => lines.Keys;

    public IEnumerable<IReadOnlyList<PayoutLine>> Values => lines.Values;

    public int Count => lines.Count;

    public bool ContainsKey(string key) => lines.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out IReadOnlyList<PayoutLine> value)
    {
        var found = lines.TryGetValue(key, out var list);
        value = list;
        return found;
    }

    public IEnumerator<KeyValuePair<string, IReadOnlyList<PayoutLine>>> GetEnumerator() =>
        lines.Select(kv => new KeyValuePair<string, IReadOnlyList<PayoutLine>>(kv.Key, kv.Value)).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
