using System.CommandLine;
using Workflows.Cli.Http;

namespace Workflows.Cli.Commands;

/// <summary>What a command's action works with: its parsed arguments, the server (resolved on first use) and the output.</summary>
internal sealed class CommandContext(ParseResult parse, GlobalOptions options, CliEnvironment environment) : IDisposable
{
    private WorkflowsApiClient? _client;

    public ParseResult Parse => parse;

    public bool Json => parse.GetValue(options.Json);

    public bool Interactive => environment.Interactive && !Json;

    public TextWriter Out => environment.Out;

    public TextWriter Error => environment.Error;

    /// <summary>Resolving the server lazily lets a command refuse bad input (say, invalid JSON) before it needs one.</summary>
    public WorkflowsApiClient Client => _client ??= new WorkflowsApiClient(
        ServerSettings.Resolve(parse.GetValue(options.Url), parse.GetValue(options.Key), environment));

    public bool HasKey => _client?.HasKey ?? false;

    public T Value<T>(Argument<T> argument) => parse.GetValue(argument)!;

    public T? Value<T>(Option<T> option) => parse.GetValue(option);

    /// <summary>With <c>--json</c> the body as the Api sent it; otherwise <paramref name="render"/>'s text.</summary>
    public void Write<T>(ApiResponse<T> response, Action<TextWriter, T> render)
    {
        if (Json)
            Out.WriteLine(response.Json);
        else
            render(Out, response.Value);
    }

    public void Dispose() => _client?.Dispose();
}
