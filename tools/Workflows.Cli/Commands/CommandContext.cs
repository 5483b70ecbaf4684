using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Workflows.Cli.Rendering;
using Workflows.Client;

namespace Workflows.Cli.Commands;

/// <summary>What a command's action works with: its parsed arguments, the server (resolved on first use) and the output.</summary>
internal sealed class CommandContext(ParseResult parse, GlobalOptions options, CliEnvironment environment) : IDisposable
{
    /// <summary>How long the CLI waits for an answer (a stream under --watch is not bounded by it).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private HttpClient? _http;
    private WorkflowsClient? _client;

    public ParseResult Parse => parse;

    public bool Json => parse.GetValue(options.Json);

    public bool Interactive => environment.Interactive && !Json;

    public TextWriter Out => environment.Out;

    public TextWriter Error => environment.Error;

    /// <summary>Resolving the server lazily lets a command refuse bad input (say, invalid JSON) before it needs one.</summary>
    public ServerSettings Server => _server ??= ServerSettings.Resolve(parse.GetValue(options.Url), parse.GetValue(options.Key), environment);
    private ServerSettings? _server;

    /// <summary>The Api's client; one attempt per request (a person at a terminal retries, and a create must not be repeated blindly).</summary>
    public IWorkflowsClient Client => _client ??= new WorkflowsClient(Http);

    /// <summary>The HTTP client under <see cref="Client"/>, for the one route that is not the Api's (<c>/webhooks</c>).</summary>
    public HttpClient Http
    {
        get
        {
            if (_http is not null) return _http;
            var server = Server;
            // A trailing slash makes relative routes resolve under a path prefix (http://host/workflows/ + api/...).
            var baseUrl = server.Url.AbsoluteUri.EndsWith('/') ? server.Url : new Uri(server.Url.AbsoluteUri + "/");
            _http = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout };
            if (server.ApiKey is not null)
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
            return _http;
        }
    }

    public bool HasKey => _server?.ApiKey is not null;

    public T Value<T>(Argument<T> argument) => parse.GetValue(argument)!;

    public T? Value<T>(Option<T> option) => parse.GetValue(option);

    /// <summary>With <c>--json</c> the answer as JSON (the Api's own models, so the Api's shape); otherwise <paramref name="render"/>'s text.</summary>
    public void Write<T>(T value, Action<TextWriter, T> render)
    {
        if (Json)
            Out.WriteLine(JsonSerializer.Serialize(value, Format.JsonOptions));
        else
            render(Out, value);
    }

    public void Dispose() => _http?.Dispose();
}
