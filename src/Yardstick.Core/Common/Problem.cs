namespace Yardstick.Core.Common;

/// <summary>
/// An expected failure, reported as a value: <paramref name="Where"/> names the file, row, column,
/// JSON path or field, and <paramref name="Message"/> says what is wrong and what would be accepted.
/// </summary>
public sealed record Problem(string Where, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Where.Length == 0 ? Message : $"{Where}: {Message}";
}

/// <summary>Either a value or the list of problems that prevented it.</summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<Problem> problems)
    {
        _value = value;
        Problems = problems;
    }

    /// <summary>The problems; empty when the result is a success.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>True when there are no problems.</summary>
    public bool IsSuccess => Problems.Count == 0;

    /// <summary>The value of a success; throws on a failure (a bug in the caller).</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("Result has problems: " + string.Join("; ", Problems));

    /// <summary>A success.</summary>
    public static Result<T> Ok(T value) => new(value, []);

    /// <summary>A failure with at least one problem.</summary>
    public static Result<T> Fail(IReadOnlyList<Problem> problems) =>
        problems.Count == 0 ? throw new ArgumentException("A failure needs a problem.", nameof(problems)) : new(default, problems);

    /// <summary>A failure with one problem.</summary>
    public static Result<T> Fail(string where, string message) => Fail([new Problem(where, message)]);

    /// <summary>Implicit success.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);
}
