using Microsoft.EntityFrameworkCore.Design;

namespace Yardstick.Data.Sqlite;

/// <summary>Lets dotnet ef build the context for this provider's migrations (no database is contacted to add one).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<YardstickDb>
{
    public YardstickDb CreateDbContext(string[] args) =>
        DatabaseSettings.FromArgument("Data Source=design.db").Value.Open(TimeProvider.System, "dotnet-ef", YardstickDb.NoOrganisation);
}
