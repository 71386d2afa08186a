using MudBlazor;
using Yardstick.Core.Common;
using Yardstick.Web.Localization;

namespace Yardstick.Web.Components.Shared;

/// <summary>
/// The one place the pages show App's problems, in the user's language: each as a snackbar ("field: message"), and by field
/// for a form's field messages.
/// </summary>
public sealed class ProblemDisplay(ISnackbar snackbar)
{
    public void Show(IReadOnlyList<Problem> problems)
    {
        foreach (var problem in problems)
            snackbar.Add(problem.Format(Languages.Current), problem.Kind == ProblemKind.Invalid ? Severity.Warning : Severity.Error);
    }

    public void Done(string message) => snackbar.Add(message, Severity.Success);

    /// <summary>The messages of the problems located at <paramref name="field"/>, joined; null when there are none.</summary>
    public static string? Field(IReadOnlyList<Problem> problems, string field)
    {
        var messages = problems.Where(p => p.Where.Field == field).Select(p => p.Text(Languages.Current)).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>Every message, "field: message", for an alert on the page.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<Problem> problems) => [.. problems.Select(p => p.Format(Languages.Current))];
}
