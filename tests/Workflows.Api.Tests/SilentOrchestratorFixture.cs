namespace Workflows.Api.Tests;

/// <summary>An Api whose Orchestrator and Events service never answer, with a 1 s request timeout.</summary>
public sealed class SilentOrchestratorFixture : ApiFixture
{
    protected override bool AnswerRequests => false;

    protected override IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?> { ["Api:RequestTimeout"] = "00:00:01" };
}
