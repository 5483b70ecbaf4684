namespace Workflows.Dashboard;

/// <summary><c>/_dashboard/dashboard.css</c> and <c>dashboard.js</c>, embedded in the assembly (the dashboard works offline).</summary>
internal static class DashboardAssets
{
    public const string Prefix = "/_dashboard/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
    };

    public static void Map(WebApplication app)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        foreach (var (name, contentType) in ContentTypes)
        {
            using var stream = assembly.GetManifestResourceStream($"Workflows.Dashboard.Assets.{name}")
                ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            app.MapGet(Prefix + name, () => Results.Bytes(bytes, contentType)).ExcludeFromDescription();
        }
    }
}
