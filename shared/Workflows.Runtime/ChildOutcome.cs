using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workflows.Runtime;

/// <summary>
/// How a child instance ended, as the event its parent's <c>step.Invoke</c> waits for: the Orchestrator sends it to the
/// parent's inbox (type <see cref="EventType"/>, id <see cref="EventId"/>) when the child completes, errors or is terminated.
/// </summary>
/// <param name="Completed">True when the child completed; <paramref name="Output"/> is its output.</param>
/// <param name="Output">The child's output.</param>
/// <param name="ErrorName">The child's error name (or <see cref="RuntimeErrorNames.ChildTerminated"/>).</param>
/// <param name="ErrorMessage">The child's error message.</param>
public sealed record ChildOutcome(bool Completed, JsonElement? Output, string? ErrorName, string? ErrorMessage)
{
    private const string TypePrefix = "workflows.child:";

    /// <summary>The event type the parent waits for: one per child.</summary>
    /// <param name="childId">The child's instance id.</param>
    /// <returns>The event type.</returns>
    public static string EventType(string childId) => TypePrefix + childId;

    /// <summary>Whether an event type is a child's outcome (exempt from the inbox cap: a parent awaits every child it started).</summary>
    /// <param name="type">The event type.</param>
    /// <returns>True for <see cref="EventType"/>'s types.</returns>
    public static bool IsOutcomeType(string type) => type.StartsWith(TypePrefix, StringComparison.Ordinal);

    /// <summary>The event id: one outcome per child, so a redelivered outcome is a duplicate.</summary>
    /// <param name="childId">The child's instance id.</param>
    /// <returns>The event id.</returns>
    public static string EventId(string childId) => "child-outcome-" + childId;

    /// <summary>The event's payload JSON.</summary>
    /// <param name="outputJson">The child's output JSON when it completed, else null.</param>
    /// <param name="errorName">The error name when it did not complete.</param>
    /// <param name="errorMessage">The error message when it did not complete.</param>
    /// <returns>The payload JSON.</returns>
    public static string PayloadJson(string? outputJson, string? errorName, string? errorMessage)
    {
        if (errorName is not null)
            return WorkflowJson.Serialize(new ChildOutcome(false, null, errorName, errorMessage));
        using var output = JsonDocument.Parse(string.IsNullOrWhiteSpace(outputJson) ? "null" : outputJson);
        return WorkflowJson.Serialize(new ChildOutcome(true, output.RootElement.Clone(), null, null));
    }

    /// <summary>
    /// The id of the <paramref name="occurrence"/>th child started by step <paramref name="stepName"/> of <paramref name="parentId"/>:
    /// <c>{parent id}-{step name slug}-{occurrence}</c>; past 100 characters, its first 91 and a hash of the whole.
    /// </summary>
    /// <param name="parentId">The parent's instance id.</param>
    /// <param name="stepName">The Invoke step's name.</param>
    /// <param name="occurrence">The step's occurrence.</param>
    /// <returns>A valid instance id.</returns>
    public static string ChildId(string parentId, string stepName, int occurrence)
    {
        ArgumentNullException.ThrowIfNull(parentId);
        ArgumentNullException.ThrowIfNull(stepName);
        var slug = new StringBuilder(stepName.Length);
        foreach (var c in stepName)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c == '_';
            if (keep)
                slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        var id = $"{parentId}-{slug.ToString().Trim('-')}-{occurrence}";
        if (id.Length <= InstanceIds.MaxLength)
            return id;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..8];
        return $"{id[..(InstanceIds.MaxLength - 9)]}-{hash}";
    }
}
