using System.Globalization;

namespace Yardstick.App.Files;

/// <summary>One 360 answer as read from its file.</summary>
public sealed record RatingRow(int Line, string Campaign, string Ratee, string Rater, string Group, int Question, decimal Score);

/// <summary>The 360 answers format (scoring.md §7): <c>campaign,ratee,rater,rater_group,question,score</c>; scores 1–5, questions from 1.</summary>
public static class RatingsFile
{
    public const decimal Min = 1m;
    public const decimal Max = 5m;

    private static readonly string[] Required = ["campaign", "ratee", "rater", "rater_group", "question", "score"];

    public static (List<RatingRow> Rows, TableColumns? Columns) Read(InputFile file, Problems problems)
    {
        var rows = new List<RatingRow>();
        var groups = new Dictionary<(string, string, string), (string Group, int Line)>();
        var answers = new Dictionary<(string, string, string, int), int>();
        TableColumns? columns = null;
        foreach (var row in TableFile.Read(file, Required, [], problems))
        {
            columns ??= row.Columns;
            var campaign = row.Required("campaign", problems);
            var ratee = row.Required("ratee", problems);
            var rater = row.Required("rater", problems);
            if (rater is not null && rater == ratee)
                problems.At(row.At("rater"), $"'{rater}' 不能评价自己", $"'{rater}' cannot rate themselves");
            var group = row.Required("rater_group", problems);
            foreach (var column in Required[..4])
                row.IsId(column, problems);
            var questionText = row["question"];
            if (!int.TryParse(questionText, NumberStyles.None, CultureInfo.InvariantCulture, out var question) || question < 1)
                problems.At(row.At("question"), $"'{questionText}' 不是题号；应为 1、2、3……", $"question '{questionText}' is not a question number; expected 1, 2, 3, …");
            var score = row.Number("score", problems, "4");
            if (score is < Min or > Max)
                problems.At(row.At("score"), Inv($"分数 {score} 超出评分范围；应为 {Min}–{Max}"), Inv($"score {score} is outside the scale; expected {Min}–{Max}"));
            if (campaign is null || ratee is null || rater is null || group is null || question < 1 || score is null)
                continue;
            if (!groups.TryAdd((campaign, ratee, rater), (group, row.Line)) && groups[(campaign, ratee, rater)].Group != group)
            {
                var (known, line) = groups[(campaign, ratee, rater)];
                problems.At(row.At("rater_group"), $"'{ratee}' 的评价人 '{rater}' 在第 {line} 行属于 '{known}' 组，这里属于 '{group}' 组；一个评价人只属于一个组", $"rater '{rater}' of '{ratee}' is in group '{known}' on line {line} and '{group}' here; a rater has one group");
            }

            if (!answers.TryAdd((campaign, ratee, rater, question), row.Line))
                problems.At(row.At("question"), $"评价人 '{rater}' 对 '{ratee}' 的第 {question} 题回答了两次：第 {answers[(campaign, ratee, rater, question)]} 行和第 {row.Line} 行；请保留一行", $"rater '{rater}' answers question {question} about '{ratee}' twice: lines {answers[(campaign, ratee, rater, question)]} and {row.Line}; keep one");
            rows.Add(new RatingRow(row.Line, campaign, ratee, rater, group, question, score.Value));
        }

        return (rows, columns);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
