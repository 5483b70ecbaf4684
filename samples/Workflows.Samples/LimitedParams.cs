namespace Workflows.Samples;

/// <summary>Params of <see cref="LimitedWorkflow"/>.</summary>
/// <param name="Tenant">The concurrency key: at most one instance per tenant runs at once.</param>
/// <param name="Seconds">How long the one step works (in-process, holding its slot).</param>
public sealed record LimitedParams(string Tenant, double Seconds);
