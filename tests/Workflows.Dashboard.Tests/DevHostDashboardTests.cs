using Workflows.Testing;

namespace Workflows.Dashboard.Tests;

/// <summary>The dashboard as the quick start shows it: served by the DevHost (one process, in-memory bus, SQLite).</summary>
public sealed class DevHostDashboardTests(DevHostStack stack, ChromiumBrowser chromium)
    : DashboardTests<DevHostStack>(stack, chromium, "devhost"), IClassFixture<DevHostStack>, IClassFixture<ChromiumBrowser>;
