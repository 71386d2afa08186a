using Yardstick.App.Evaluation;
using Yardstick.App.Files;
using Yardstick.Cli.Commands;
using Yardstick.Core.Common;
using Yardstick.Core.Incentives;

namespace Yardstick.Cli.Evaluation;

/// <summary>The inputs of a file-based evaluation, loaded, with the files they were read from (closed on dispose).</summary>
internal sealed class LoadedEvaluation(EvaluationInputs inputs, Language language, InputOptions options, IReadOnlyList<InputFile> files) : IDisposable
{
    public EvaluationInputs Inputs { get; } = inputs;

    public Language Language { get; } = language;

    public InputOptions Options { get; } = options;

    /// <summary>"in FILE or FILE", for messages about a person who is not evaluated.</summary>
    public string Where => Options.Actuals + (Options.People is null ? "" : " or " + Options.People);

    public void Dispose()
    {
        foreach (var f in files)
            f.Dispose();
    }
}

/// <summary>
/// The command-line half of file-based evaluation (<c>evaluate</c>, <c>statement</c>, <c>whatif</c>): reads the
/// options (language, scheme, period, stage mode), opens the files and the ledger, and hands them to App's
/// <see cref="FileInputs"/>, the loader that checks every file.
/// </summary>
internal static class EvaluationLoader
{
    /// <param name="optionChecks">The command's own option checks, reported after --lang and before the scheme.</param>
    public static LoadedEvaluation? Load(InputOptions o, Problems problems, Action<Problems>? optionChecks = null)
    {
        var language = LocalizedText.ParseLanguage(o.Lang);
        if (language is null)
            problems.In("--lang", $"'{o.Lang}' 不是语言；应为 en 或 zh-CN", $"'{o.Lang}' is not a language; expected en or zh-CN");
        optionChecks?.Invoke(problems);
        var proRata = o.StageMode == "pro-rata";

        var loaded = SchemeSource.LoadAll(o.Template, o.Scheme, problems);
        var period = Period.Parse(o.Period);
        if (!period.IsSuccess)
            foreach (var p in period.Problems)
                problems.Add(p.At(Location.Of("--period")));

        Core.Scoring.ScorecardCalculator[]? calculators = null;
        if (loaded is { } l && period.IsSuccess)
        {
            var made = EvaluationInputs.CalculatorsFor(l.Schemes, period.Value);
            if (made.IsSuccess)
                calculators = made.Value;
            else
                foreach (var p in made.Problems)
                    problems.Add(p.At(Location.Of("--period")));
        }

        if (loaded is { } b && !b.Document.IsBundle)
        {
            if (o.Stages is not null)
                problems.In("--stages", $"只有生命周期方案才按产品阶段选择方案；{b.Document.Id} 是单一方案，请去掉 --stages", $"only a lifecycle bundle picks schemes by product stage; {b.Document.Id} is one scheme, leave --stages out");
            if (proRata)
                problems.In("--stage-mode", $"pro-rata 按天加权生命周期方案的各阶段方案；{b.Document.Id} 是单一方案", $"pro-rata weighs the stage schemes of a lifecycle bundle; {b.Document.Id} is one scheme");
        }

        var files = new List<InputFile>();
        InputFile? Open(string? path)
        {
            if (path is null)
                return null;
            var opened = InputFile.Open(path);
            if (!opened.IsSuccess)
            {
                problems.AddRange(opened.Problems);
                return null;
            }

            files.Add(opened.Value);
            return opened.Value;
        }

        var actuals = Open(o.Actuals);
        var given = new EvaluationFiles(actuals!, Open(o.People), Open(o.Waivers), Open(o.Measures), Open(o.Events), Open(o.Stages), Open(o.Awards));
        var ledger = ReadLedger(o.Ledger, problems);
        EvaluationInputs? inputs = null;
        if (loaded is null || calculators is null)
        {
            if (actuals is not null)
                foreach (var _ in TableFile.Read(actuals, ["person", "indicator", "value"], [], problems))
                {
                    // without a scheme only the file's shape can be checked
                }
        }
        else if (actuals is not null && !problems.Any && ledger is not null)
        {
            inputs = FileInputs.Load(loaded.Value.Document, calculators, given, ledger, proRata, problems);
        }

        if (inputs is null || problems.Any || language is null)
        {
            foreach (var f in files)
                f.Dispose();
            return null;
        }

        return new LoadedEvaluation(inputs, language.Value, o, files);
    }

    /// <summary>The <c>--ledger</c> JSON: read when it exists, else empty (a first run); null with a problem when it cannot be used.</summary>
    private static Ledger? ReadLedger(string? path, Problems problems)
    {
        if (path is null)
            return Ledger.Empty;
        if (Directory.Exists(path))
        {
            problems.In("--ledger", $"{path} 是目录；请给出文件名", $"{path} is a directory; give a file name");
            return null;
        }

        if (!File.Exists(path))
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null && !Directory.Exists(dir))
            {
                problems.In("--ledger", $"无法写入 {path}：目录 {dir} 不存在", $"cannot write {path}: the directory {dir} does not exist");
                return null;
            }

            return Ledger.Empty;
        }

        var opened = InputFile.Open(path);
        if (!opened.IsSuccess)
        {
            problems.AddRange(opened.Problems);
            return null;
        }

        using var file = opened.Value;
        var ledger = LedgerFile.Read(file);
        if (ledger.IsSuccess)
            return ledger.Value;
        problems.AddRange(ledger.Problems);
        return null;
    }
}
