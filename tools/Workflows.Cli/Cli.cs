using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Workflows.Cli.Commands;

namespace Workflows.Cli;

/// <summary>The <c>workflows</c> command line: parses <c>args</c>, runs one command against the Api and returns the exit code.</summary>
internal static class Cli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken ct = default)
    {
        var options = new GlobalOptions();
        var run = new CommandRunner(options, environment);
        // A plain command rather than RootCommand, whose name is the process's (Workflows.Cli, or dotnet's test host).
        var root = new Command("workflows", "Workflows: list workflows, trigger instances, inspect, watch and control them.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        options.AddTo(root);
        foreach (var command in WorkflowCommands.Create(run))
            root.Subcommands.Add(command);
        root.Subcommands.Add(TriggerCommand.Create(run));
        root.Subcommands.Add(InstanceCommands.Create(run));

        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            await environment.Error.WriteLineAsync($"error: {string.Join(' ', parse.Errors.Select(e => e.Message))} See '{CommandPath(parse)} --help'.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            }, ct);
        }
        catch (Exception e)
        {
            // CommandRunner answers for every command; this is only for failures outside one (help output, say).
            await environment.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>"workflows instances restart" for the command the parse ended in.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
            names.Insert(0, command.Command.Name);
        return string.Join(' ', names);
    }
}
