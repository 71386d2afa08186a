using System.CommandLine;

namespace Yardstick.Cli.Evaluation;

/// <summary>The inputs of one evaluation, as given on the command line.</summary>
internal sealed record InputOptions(
    string? Template, string? Scheme, string Period, string? Actuals, string? People, string? Waivers,
    string? Measures, string? Events, string? Stages, string? Awards, string? Ledger, string StageMode, string Lang);

/// <summary>The options <c>evaluate</c>, <c>statement</c> and <c>whatif</c> share, declared once.</summary>
internal sealed class InputOptionSet
{
    private readonly Option<string?> _template = new("--template") { HelpName = "ID", Description = "Built-in template id (see 'yardstick templates list')." };
    private readonly Option<string?> _scheme = new("--scheme") { HelpName = "FILE", Description = "Scheme JSON file (docs/scheme-format.md), one scheme or a lifecycle bundle." };
    private readonly Option<string> _period = new("--period") { HelpName = "PERIOD", Description = "Period: 2026-10, 2026-Q4, 2026-H2 or 2026; selects the payout rules by frequency.", Required = true };
    private readonly Option<string?> _actuals = new("--actuals") { HelpName = "FILE", Description = "Actuals: CSV or .xlsx with header person,indicator,value (person team:ID for a team indicator).", Required = true };
    private readonly Option<string?> _people = new("--people") { HelpName = "FILE", Description = "People: CSV with header person,base_salary[,name,team,product,share]." };
    private readonly Option<string?> _waivers = new("--waivers") { HelpName = "FILE", Description = "Waivers: CSV with header person,indicator,reason." };
    private readonly Option<string?> _measures = new("--measures") { HelpName = "FILE", Description = "Business measures: CSV with header scope,measure,value (scope person:ID, team:ID or product:ID)." };
    private readonly Option<string?> _events = new("--events") { HelpName = "FILE", Description = "Milestone events: CSV with header product,event,date (YYYY-MM-DD)." };
    private readonly Option<string?> _stages = new("--stages") { HelpName = "FILE", Description = "Product stages: CSV with header product,stage,from (YYYY-MM-DD); needed by a lifecycle bundle." };
    private readonly Option<string?> _awards = new("--awards") { HelpName = "FILE", Description = "Award nominations: CSV with header rule,person,amount,equity_units,nominated_by,approved_by." };
    private readonly Option<string?> _ledger = new("--ledger") { HelpName = "FILE", Description = "Ledger JSON: milestones and profit shares paid, past grades; read if it exists." };
    private readonly Option<string> _stageMode = new("--stage-mode") { Description = "A stage change inside the period: the stage on the last day, or each stage weighted by days.", DefaultValueFactory = _ => "last-day" };
    private readonly Option<string> _lang = new("--lang") { HelpName = "LANG", Description = "Language of names and traces: en (default) or zh-CN.", DefaultValueFactory = _ => "en" };

    /// <param name="actualsRequired">False where the command can also read the system of record instead of files (<c>statement</c>).</param>
    public InputOptionSet(bool actualsRequired = true)
    {
        _stageMode.AcceptOnlyFromAmong("last-day", "pro-rata");
        _actuals.Required = actualsRequired;
    }

    /// <summary>The --ledger option, whose description differs by command (evaluate writes the ledger back).</summary>
    public Option<string?> Ledger => _ledger;

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _template, _scheme, _period, _actuals, _people, _waivers, _measures, _events, _stages, _awards, _ledger, _stageMode, _lang })
            command.Options.Add(option);
    }

    public InputOptions Read(ParseResult r) => new(
        r.GetValue(_template), r.GetValue(_scheme), r.GetValue(_period)!, r.GetValue(_actuals), r.GetValue(_people), r.GetValue(_waivers),
        r.GetValue(_measures), r.GetValue(_events), r.GetValue(_stages), r.GetValue(_awards), r.GetValue(_ledger), r.GetValue(_stageMode)!, r.GetValue(_lang)!);
}
