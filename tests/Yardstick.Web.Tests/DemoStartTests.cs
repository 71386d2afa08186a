using System.Text.Json;
using Yardstick.App.Demo;

namespace Yardstick.Web.Tests;

/// <summary>The first start of a fresh installation on SQLite loads review.md R12's demo, and its accounts sign in.</summary>
public sealed class DemoStartTests
{
    [Fact]
    public async Task FirstStart_Sqlite_LoadsTheDemoWhoseAccountsSignIn()
    {
        await using var host = WebHost.Create().WithDemo();

        var pm = await host.ApiAsync("zhang_wei@industrial.demo", LoadDemo.Password);
        var me = JsonDocument.Parse(await pm.GetStringAsync("/api/v1/me")).RootElement;
        var manager = await host.ApiAsync("li_ming@industrial.demo", LoadDemo.Password);
        var managerMe = JsonDocument.Parse(await manager.GetStringAsync("/api/v1/me")).RootElement;
        var period = JsonDocument.Parse(await pm.GetStringAsync("/api/v1/periods/2026-10")).RootElement;
        var periods = JsonDocument.Parse(await pm.GetStringAsync("/api/v1/periods")).RootElement;

        Assert.Equal(("industrial", "zhang_wei"), (me.GetProperty("organisation").GetString(), me.GetProperty("employeeId").GetString()));
        Assert.Contains("zhang_wei", managerMe.GetProperty("manages").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("InReview", period.GetProperty("state").GetString());
        Assert.Equal(12, periods.GetArrayLength());
        Assert.Equal(11, periods.EnumerateArray().Count(p => p.GetProperty("state").GetString() == "Locked"));
    }
}
