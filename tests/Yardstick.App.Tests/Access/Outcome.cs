using Yardstick.App.Access;
using Yardstick.Core.Common;

namespace Yardstick.App.Tests.Access;

/// <summary>A decision as one letter, so that a row of expected outcomes reads as R2 does: A allowed, P allowed and preliminary, N 404, F 403, C 409.</summary>
internal static class Outcome
{
    public static char Letter(AccessDecision d) => d.Problem is null
        ? d.Preliminary ? 'P' : 'A'
        : d.Problem.Kind switch
        {
            ProblemKind.NotFound => 'N',
            ProblemKind.Forbidden => 'F',
            ProblemKind.Conflict => 'C',
            ProblemKind.Invalid => '?',
        };
}
