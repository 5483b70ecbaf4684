namespace Workflows.Cli.Commands;

/// <summary>A command's work: returns the exit code, throws to fail (<see cref="CommandRunner"/> reports it).</summary>
internal delegate Task<int> CommandHandler(CommandContext context, CancellationToken ct);
