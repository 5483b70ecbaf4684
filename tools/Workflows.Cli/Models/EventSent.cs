namespace Workflows.Cli.Models;

/// <summary>An event the engine has put in the instance's inbox.</summary>
internal sealed record EventSent(string EventId);
