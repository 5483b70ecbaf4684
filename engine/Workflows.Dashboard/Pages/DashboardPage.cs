using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Api.Http;

namespace Workflows.Dashboard.Pages;

/// <summary>What the dashboard's pages share: an action's outcome, as a page message after a redirect or as text to the live script.</summary>
public abstract class DashboardPage : PageModel
{
    /// <summary>The header dashboard.js sends when it posts a form itself (the page stays, only the message shows).</summary>
    internal const string AsyncHeader = "X-Dashboard-Async";

    /// <summary>Runs <paramref name="action"/>; its refusal (the API's 4xx/503 reason) becomes the message instead of an error page.</summary>
    private protected async Task<IActionResult> ActAsync(Func<Task<string>> action, Func<IActionResult> afterwards)
    {
        string message;
        var ok = true;
        var status = StatusCodes.Status200OK;
        try
        {
            message = await action();
        }
        catch (ProblemException e)
        {
            (message, ok, status) = (e.Message, false, e.Status);
        }
        if (Request.Headers.ContainsKey(AsyncHeader))
            return new ContentResult
            {
                Content = message, ContentType = "text/plain; charset=utf-8",
                StatusCode = status,
            };
        TempData[ok ? "Message" : "Error"] = message;
        return afterwards();
    }
}
