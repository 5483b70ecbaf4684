using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Api.Http;
using Workflows.Dashboard.Security;

namespace Workflows.Dashboard.Pages;

/// <summary>The login page: an API key in, a session cookie out.</summary>
public sealed class LoginModel : PageModel
{
    /// <summary>Why the last attempt failed, shown above the form.</summary>
    public string? Error { get; private set; }

    /// <summary>The dashboard page to go back to after logging in.</summary>
    public string? ReturnUrl { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    /// <summary>Signs in when <paramref name="key"/> is one of the API keys; otherwise the form again, with the reason.</summary>
    public async Task<IActionResult> OnPostAsync(string? key, string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (string.IsNullOrWhiteSpace(key) || HttpContext.RequestServices.GetRequiredService<ApiKeyCheck>().NameOf(key) is not { } name)
        {
            Error = "That is not one of this server's API keys.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(DashboardCookie.Scheme, DashboardCookie.PrincipalFor(key, name));
        // Only a local path: a login link must not send the user elsewhere.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
