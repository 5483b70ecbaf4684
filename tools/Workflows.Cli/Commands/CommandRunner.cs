using System.CommandLine;
using Workflows.Client;

namespace Workflows.Cli.Commands;

/// <summary>Runs command actions and turns every failure into one line on stderr and its exit code; no stack trace reaches the user.</summary>
internal sealed class CommandRunner(GlobalOptions options, CliEnvironment environment)
{
    public Command Bind(Command command, CommandHandler handler)
    {
        command.SetAction(async (parse, ct) =>
        {
            using var context = new CommandContext(parse, options, environment);
            try
            {
                return await handler(context, ct);
            }
            catch (Exception e)
            {
                var (exitCode, message) = Describe(e, context, ct);
                await environment.Error.WriteLineAsync(Cli.OneLine(message));
                return exitCode;
            }
        });
        return command;
    }

    private static (int ExitCode, string Message) Describe(Exception e, CommandContext context, CancellationToken ct) => e switch
    {
        CliException cli => (cli.ExitCode, $"error: {cli.Message}"),
        HttpRequestException => (ExitCodes.Unreachable, $"error: Cannot reach the Workflows server at {context.Http.BaseAddress}: {e.Message}"),
        TaskCanceledException when !ct.IsCancellationRequested =>
            (ExitCodes.Unreachable, $"error: The Workflows server at {context.Http.BaseAddress} did not answer within {CommandContext.Timeout.TotalSeconds:0} s."),
        WorkflowsApiException { Status: 401 } => (ExitCodes.Unauthorized, context.HasKey
            ? $"error: the server refused the API key (401). Check --key, ${ServerSettings.KeyVariable} or the {ConfigFile.RelativePath} it came from."
            : $"error: the server needs an API key (401): pass --key or set ${ServerSettings.KeyVariable} along with the URL, or put both in {ConfigFile.RelativePath}."),
        WorkflowsApiException api => (api.Status switch
        {
            404 => ExitCodes.NotFound,
            409 => ExitCodes.Conflict,
            400 or 413 or 422 => ExitCodes.Rejected,
            _ => ExitCodes.Failed,
        }, $"error: {api.Message} ({api.Status} {api.Title})"),
        OperationCanceledException when ct.IsCancellationRequested => (ExitCodes.Interrupted, "Interrupted."),
        _ => (ExitCodes.Failed, $"error: {e.GetType().Name}: {e.Message}"),
    };
}
