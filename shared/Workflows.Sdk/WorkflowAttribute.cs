using System.Text;

namespace Workflows.Sdk;

/// <summary>
/// Names a workflow. Without it the name is the class name in kebab-case with a trailing
/// "Workflow" removed: <c>OrderWorkflow</c> → <c>order</c>, <c>SendInvoiceEmailWorkflow</c> →
/// <c>send-invoice-email</c>, <c>HTTPPoller</c> → <c>http-poller</c>.
/// </summary>
/// <param name="name">The workflow name: 1–64 characters, no control characters.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WorkflowAttribute(string name) : Attribute
{
    /// <summary>The workflow name.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// Most instances of this workflow <c>running</c> at once; beyond it new instances are <c>queued</c>. 0 (the default)
    /// means no limit. Configuration <c>Workflows:Limits:{workflow}:MaxConcurrent</c> overrides it (docs/flow-control.md).
    /// </summary>
    public int MaxConcurrent { get; set; }

    /// <summary>
    /// A JSON pointer into the params (such as <c>/tenantId</c>) whose value is the instance's concurrency key, limited by
    /// <see cref="MaxConcurrentPerKey"/>; null (the default) for none.
    /// </summary>
    public string? ConcurrencyKey { get; set; }

    /// <summary>Most instances with the same <see cref="ConcurrencyKey"/> value <c>running</c> at once; 0 (the default) means no limit.</summary>
    public int MaxConcurrentPerKey { get; set; }

    /// <summary>The name of a workflow type: its <see cref="WorkflowAttribute"/> or the default rule.</summary>
    /// <param name="workflowType">The workflow class.</param>
    /// <returns>The workflow name.</returns>
    public static string NameOf(Type workflowType)
    {
        ArgumentNullException.ThrowIfNull(workflowType);
        var attribute = (WorkflowAttribute?)GetCustomAttribute(workflowType, typeof(WorkflowAttribute), inherit: false);
        return attribute?.Name ?? DefaultName(workflowType.Name);
    }

    /// <summary>The default name for a class name: kebab-case without a trailing "Workflow".</summary>
    /// <param name="className">A class name such as <c>OrderWorkflow</c>.</param>
    /// <returns>The kebab-case name, such as <c>order</c>.</returns>
    public static string DefaultName(string className)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        var tick = className.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
            className = className[..tick];
        if (className.Length > "Workflow".Length && className.EndsWith("Workflow", StringComparison.Ordinal))
            className = className[..^"Workflow".Length];

        var sb = new StringBuilder(className.Length + 8);
        for (var i = 0; i < className.Length; i++)
        {
            var c = className[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(className[i - 1]) || char.IsDigit(className[i - 1]));
                var endOfAcronym = i > 0 && char.IsUpper(className[i - 1]) && i + 1 < className.Length && char.IsLower(className[i + 1]);
                if (sb.Length > 0 && sb[^1] != '-' && (previousIsLowerOrDigit || endOfAcronym))
                    sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c == '_')
            {
                if (sb.Length > 0 && sb[^1] != '-')
                    sb.Append('-');
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
