using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Workflows.Api.Http;

namespace Workflows.Dashboard.Security;

/// <summary>The dashboard's session: a cookie issued for an API key, valid only while that key is configured.</summary>
internal static class DashboardCookie
{
    public const string Scheme = "WorkflowsDashboard";
    public const string AntiforgeryName = "workflows.dashboard.csrf";
    private const string KeyHashClaim = "api-key-sha256";

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "workflows.dashboard";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        // Secure whenever the page is served over HTTPS; plain HTTP on loopback (the DevHost) still works.
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = "/login";
        o.LogoutPath = "/logout";
        o.AccessDeniedPath = "/login";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = ValidateAsync;
    }

    /// <summary>The principal of a session signed in with <paramref name="key"/>: its name (what approvals record as <c>by</c>) and its hash, never the key.</summary>
    public static ClaimsPrincipal PrincipalFor(string key, string name) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), new Claim(KeyHashClaim, Convert.ToHexString(ApiKeyCheck.Hash(key.Trim())))], Scheme));

    // A key removed from Api:Keys ends the sessions opened with it at their next request.
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyCheck>();
        var hash = context.Principal?.FindFirst(KeyHashClaim)?.Value;
        if (hash is { Length: 64 } && keys.IsValidHash(Convert.FromHexString(hash)))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}
