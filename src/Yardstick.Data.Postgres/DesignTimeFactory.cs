using Microsoft.EntityFrameworkCore.Design;

namespace Yardstick.Data.Postgres;

/// <summary>Lets dotnet ef build the context for this provider's migrations (no database is contacted to add one).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<YardstickDb>
{
    public YardstickDb CreateDbContext(string[] args) =>
        DatabaseSettings.FromArgument("Host=localhost;Database=yardstick_design").Value.Open(TimeProvider.System, "dotnet-ef", YardstickDb.NoOrganisation);
}
