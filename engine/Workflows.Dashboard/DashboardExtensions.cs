using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Workflows.Api;
using Workflows.Dashboard.Security;
using Workflows.Hosting;
using Workflows.Storage;

namespace Workflows.Dashboard;

/// <summary>The dashboard part: Razor Pages at <c>/</c>, signed in with an API key (cookie), on top of the Api part.</summary>
public static class DashboardExtensions
{
    private const string Part = "dashboard";

    /// <summary>
    /// The dashboard at <c>/</c> (with the Api part it reads through): a login page that takes one of <c>Api:Keys</c> and
    /// sets an HttpOnly, SameSite=Strict cookie; every other page needs it, every action is an antiforgery-checked POST.
    /// The cookie never authenticates <c>/api</c>, which keeps its bearer keys.
    /// </summary>
    public static WorkflowsBuilder AddDashboard(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.TryAddPart(Part))
            return builder;
        builder.AddApi();
        var services = builder.Services;
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Login");
            })
            .AddApplicationPart(typeof(DashboardExtensions).Assembly);
        services.AddAuthentication(DashboardCookie.Scheme)
            .AddCookie(DashboardCookie.Scheme, DashboardCookie.Configure);
        services.AddAuthorization();
        // One key ring in the database: a cookie issued by one Api replica (or before a restart) is read by the others.
        services.AddDataProtection().SetApplicationName("Workflows").PersistKeysToDbContext<WorkflowsDbContext>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = DashboardCookie.AntiforgeryName;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // The action messages carried across a redirect: same cookie rules as the session.
        services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SameSite = SameSiteMode.Strict);
        services.AddSingleton<IWorkflowsEndpoints, DashboardEndpoints>();
        return builder;
    }
}
