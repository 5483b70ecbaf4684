using System.Text.Json;

namespace Workflows.Cli.Models;

/// <summary>One step of an instance's current run.</summary>
internal sealed record StepDetails(
    string Name,
    string Type,
    string Status,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    JsonElement? Output,
    ErrorInfo? Error);
