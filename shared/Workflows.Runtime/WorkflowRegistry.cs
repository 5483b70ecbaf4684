namespace Workflows.Runtime;

/// <summary>The workflows this process can run, by name (ordinal, case-sensitive).</summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, WorkflowRegistration> byName = new(StringComparer.Ordinal);

    /// <summary>Builds the registry.</summary>
    /// <param name="registrations">The workflows.</param>
    /// <exception cref="InvalidOperationException">Two workflows share a name.</exception>
    public WorkflowRegistry(IEnumerable<WorkflowRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        foreach (var registration in registrations)
        {
            if (byName.TryGetValue(registration.Name, out var existing))
            {
                if (existing.WorkflowType == registration.WorkflowType)
                    continue;
                throw new InvalidOperationException(
                    $"Workflow name '{registration.Name}' is used by both {existing.WorkflowType.FullName} and {registration.WorkflowType.FullName}.");
            }
            byName.Add(registration.Name, registration);
        }
    }

    /// <summary>Every registered workflow.</summary>
    public IReadOnlyCollection<WorkflowRegistration> All => byName.Values;

    /// <summary>The workflow with this name, or null.</summary>
    /// <param name="name">The workflow name.</param>
    /// <returns>The registration, or null.</returns>
    public WorkflowRegistration? Find(string name) => byName.GetValueOrDefault(name);
}
