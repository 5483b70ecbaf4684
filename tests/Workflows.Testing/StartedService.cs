namespace Workflows.Testing;

/// <summary>One process of a <see cref="SimultaneousStack"/>: which service it runs, and the process.</summary>
public sealed record StartedService(string Service, ServiceProcess Process);
