using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Dashboard.Security;

namespace Workflows.Dashboard.Pages;

/// <summary>Ends the session (a POST, so a link on another site cannot log the user out).</summary>
public sealed class LogoutModel : PageModel
{
    /// <summary>A GET changes nothing: back to the dashboard.</summary>
    public IActionResult OnGet() => Redirect("/");

    /// <summary>Clears the cookie and goes to the login page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(DashboardCookie.Scheme);
        return Redirect("/login");
    }
}
