using Yardstick.App.Organisations;
using Yardstick.Data;

namespace Yardstick.App.Tests;

/// <summary>A product's lifecycle timeline (the organisation page and API): consecutive spans from its stage rows.</summary>
public sealed class OrganisationTimelineTests
{
    private static ProductStage Stage(string stage, int year, int month, int day) =>
        new() { ProductId = "p", Stage = stage, From = new DateOnly(year, month, day) };

    [Fact]
    public void Timeline_StagesInAnyOrder_EachRunsUntilTheDayBeforeTheNextAndTheLastRunsOn()
    {
        var spans = OrganisationView.Timeline([Stage("growth", 2026, 3, 1), Stage("launch", 2025, 1, 1), Stage("mature", 2026, 9, 15)]);

        Assert.Equal(
            [new ProductStageSpan("launch", new(2025, 1, 1), new(2026, 2, 28)), new ProductStageSpan("growth", new(2026, 3, 1), new(2026, 9, 14)), new ProductStageSpan("mature", new(2026, 9, 15), null)],
            spans);
    }

    [Fact]
    public void Timeline_NoStages_IsEmpty() => Assert.Empty(OrganisationView.Timeline([]));
}
