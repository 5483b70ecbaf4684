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
        root.Subcommands.Add(DiagramCommand.Create(run));
        root.Subcommands.Add(InstanceCommands.Create(run));
        root.Subcommands.Add(WebhookCommands.Create(run, environment));
        root.Subcommands.Add(ScheduleCommands.Create(run));

        try
        {
            // No response files: an argument such as a step name "@retry" is a value, never a path the CLI reads.
            var parse = root.Parse(args.Length == 0 ? ["--help"] : args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Errors.Count > 0)
            {
                await environment.Error.WriteLineAsync(OneLine($"error: {string.Join(' ', parse.Errors.Select(e => e.Message))} See '{CommandPath(parse)} --help'."));
                return ExitCodes.Usage;
            }

            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            }, ct);
        }
        catch (Exception e)
        {
            // CommandRunner answers for every command; this is only for failures outside one (parsing, help output).
            await environment.Error.WriteLineAsync(OneLine($"error: {e.Message}"));
            return ExitCodes.Failed;
        }
    }

    /// <summary>Joins a message's lines: every failure is one line on stderr, whatever text it carries.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>"workflows instances restart" for the command the parse ended in.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
            names.Insert(0, command.Command.Name);
        return string.Join(' ', names);
    }
}
