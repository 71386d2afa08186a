using System.Globalization;

namespace Yardstick.Core.Common;

/// <summary>What kind of expected failure a <see cref="Problem"/> is; every front end maps it once (HTTP status, exit code).</summary>
public enum ProblemKind
{
    /// <summary>Bad input: a file, row, column, field or value that is not accepted (HTTP 422).</summary>
    Invalid,

    /// <summary>Something that does not exist, or that the user may not see (HTTP 404).</summary>
    NotFound,

    /// <summary>An action the current state refuses: wrong period state, a stale run, a concurrent change (HTTP 409).</summary>
    Conflict,

    /// <summary>An action this user may not take on something they may see (HTTP 403).</summary>
    Forbidden,
}

/// <summary>
/// Where a problem is: a position in a file (<see cref="File"/>, 1-based <see cref="Line"/> and <see cref="Column"/>;
/// 0 when unknown) or a named field, option, JSON path or record (<see cref="Field"/>), or nowhere in particular.
/// </summary>
public readonly record struct Location(string? File, int Line, int Column, string? Field)
{
    /// <summary>No particular place.</summary>
    public static Location None => default;

    /// <summary>A position in a file; line 1 is the header.</summary>
    public static Location At(string file, int line, int column) => new(file, line, column, null);

    /// <summary>A field, option, JSON path or record, named as the domain names it (<c>period</c>, <c>reason</c>, <c>tree.core.weight</c>).</summary>
    public static Location Of(string field) => new(null, 0, 0, field);

    /// <summary>True when the location names nothing.</summary>
    public bool IsNone => File is null && Field is null;

    /// <inheritdoc />
    public override string ToString() => File is not null
        ? Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Math.Max(Column, 1)}") : File
        : Field ?? "";
}

/// <summary>
/// An expected failure, reported as a value: its <see cref="Kind"/>, where it is (<see cref="Where"/>), and a
/// message in zh-CN and en that says what is wrong and what would be accepted. Messages name no command-line
/// option and no .NET type: a front end adds its own hints, keyed by <see cref="Code"/> (with <see cref="Arg"/>).
/// </summary>
public sealed record Problem(ProblemKind Kind, Location Where, LocalizedText Message, string? Code = null, string? Arg = null)
{
    /// <summary>The message in <paramref name="language"/>.</summary>
    public string Text(Language language) => Message.Get(language);

    /// <summary>"WHERE: message" in <paramref name="language"/> (the message alone when there is no location).</summary>
    public string Format(Language language) => Where.IsNone ? Text(language) : $"{Where}: {Text(language)}";

    /// <inheritdoc />
    public override string ToString() => Format(Language.En);

    /// <summary>Bad input at <paramref name="where"/>.</summary>
    public static Problem Invalid(Location where, string zh, string en, string? code = null, string? arg = null) => new(ProblemKind.Invalid, where, new LocalizedText(zh, en), code, arg);

    /// <summary>Bad input in a field.</summary>
    public static Problem Invalid(string field, string zh, string en, string? code = null, string? arg = null) => Invalid(Location.Of(field), zh, en, code, arg);

    /// <summary>Something that does not exist or that the user may not see.</summary>
    public static Problem NotFound(string field, string zh, string en, string? code = null, string? arg = null) => new(ProblemKind.NotFound, Location.Of(field), new LocalizedText(zh, en), code, arg);

    /// <summary>An action the current state refuses.</summary>
    public static Problem Conflict(string field, string zh, string en, string? code = null, string? arg = null) => new(ProblemKind.Conflict, Location.Of(field), new LocalizedText(zh, en), code, arg);

    /// <summary>An action this user may not take.</summary>
    public static Problem Forbidden(string field, string zh, string en, string? code = null, string? arg = null) => new(ProblemKind.Forbidden, Location.Of(field), new LocalizedText(zh, en), code, arg);

    /// <summary>The same problem at another place (a value's problem placed at its file position).</summary>
    public Problem At(Location where) => this with { Where = where };

    /// <summary>The same problem with its message prefixed in both languages (the record it concerns).</summary>
    public Problem Prefixed(string zh, string en) => this with { Message = new LocalizedText(zh + Message.Zh, en + Message.En) };
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
    public static Result<T> Fail(Problem problem) => new(default, [problem]);

    /// <summary>Implicit success.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);

    /// <summary>Implicit failure with one problem.</summary>
    public static implicit operator Result<T>(Problem problem) => Fail(problem);
}
