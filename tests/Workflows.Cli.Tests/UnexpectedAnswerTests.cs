namespace Workflows.Cli.Tests;

/// <summary>Whatever a server (or a proxy in front of it) answers, the CLI fails in one line with a documented exit code, never a stack trace.</summary>
public sealed class UnexpectedAnswerTests
{
    public static TheoryData<string, int, string, string> Answers => new()
    {
        { "list", 200, "<html><body>Welcome to nginx!</body></html>", "text/html" },
        { "list", 200, "null", "application/json" },
        { "list", 200, "{}", "application/json" },
        { "list", 200, "[{}]", "application/json" },
        { "list", 200, """[{"name": null, "firstSeenAt": "2026-01-01T00:00:00Z", "lastSeenAt": "2026-01-01T00:00:00Z"}]""", "application/json" },
        { "list", 502, "<html>\n<head><title>502 Bad Gateway</title></head>\n</html>", "text/html" },
        { "list", 500, """{"title": "Oops", "detail": "line one\nline two"}""", "application/problem+json" },
        { "list", 200, "[]", "application/json; charset=klingon" },
        { "instances list echo", 200, """{"instances": null}""", "application/json" },
        { "instances list echo", 200, """{"instances": [null]}""", "application/json" },
        { "instances describe echo x", 200, """{"id": "x"}""", "application/json" },
        { "instances describe echo x", 200, """{"id": "x", "workflow": "echo", "status": "complete", "createdAt": "2026-01-01T00:00:00Z", "steps": [{"name": "a"}]}""", "application/json" },
        { "instances describe echo x --watch", 200, """{"id": "x", "workflow": "echo", "status": null, "createdAt": "2026-01-01T00:00:00Z", "steps": []}""", "application/json" },
        { "instances pause echo x", 202, "", "application/json" },
        { "trigger echo", 201, """{"id": 42}""", "application/json" },
        { "describe echo", 200, """[{"name": "echo", "firstSeenAt": "2026-01-01T00:00:00Z", "lastSeenAt": "2026-01-01T00:00:00Z"}]""", "text/plain" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task An_answer_the_cli_cannot_read_is_one_line_with_the_failed_code(string command, int status, string body, string contentType)
    {
        using var server = RecordingServer.Answering(status, body, contentType);

        var result = await CliResult.RunAsync(Variables(server), Path.GetTempPath(), [.. command.Split(' '), "--url", server.Url]);

        result.AssertFailed(ExitCodes.Failed, "error: ");
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_cut_off_midway_is_one_line_with_the_unreachable_code()
    {
        using var server = RecordingServer.CuttingOff();

        var result = await CliResult.RunAsync(Variables(server), Path.GetTempPath(), "list");

        result.AssertFailed(ExitCodes.Unreachable, "error: ");
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_holding_a_payload_as_deep_as_the_engine_accepts_is_shown()
    {
        // A 64-level event payload, as the wait step's output nests it: 68 levels in the answer.
        var payload = new string('[', 64) + new string(']', 64);
        var body = """{"id": "x", "workflow": "approval", "status": "complete", "priority": 3, "params": null, "output": """ + payload
            + """, "createdAt": "2026-01-01T00:00:00Z", "steps": [{"name": "approval", "type": "waitForEvent", "status": "complete", "attempts": 1, "startedAt": "2026-01-01T00:00:00Z", "output": {"type": "approval", "payload": """
            + payload + "}}]}";
        using var server = RecordingServer.Answering(200, body);

        var result = await CliResult.RunAsync(Variables(server), Path.GetTempPath(), "instances", "describe", "approval", "x", "--url", server.Url);

        result.AssertOk();
        Assert.Contains(payload, result.Out, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Variables(RecordingServer server) => new() { ["WORKFLOWS_URL"] = server.Url, ["WORKFLOWS_API_KEY"] = "k" };
}
