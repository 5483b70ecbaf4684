using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflows.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service or database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WorkflowsDbContext>
{
    public WorkflowsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WorkflowsDbContext>().UseNpgsql("Host=localhost").Options);
}
