using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Workflows.Runtime;
using Workflows.Webhooks.Routing;

namespace Workflows.Webhooks.Tests;

public sealed class RoutingTests
{
    private const string IssueOpened = """
        {"action":"opened","issue":{"number":7,"title":"t","labels":[{"name":"docs"},{"name":"bug"}]},"repository":{"full_name":"o/r"}}
        """;

    [Fact]
    public void The_first_route_whose_every_match_holds_acts()
    {
        var source = Source(new()
        {
            ["Kind"] = "github",
            ["Secrets:0"] = "s",
            ["Routes:0:Match:0:Header"] = "X-GitHub-Event",
            ["Routes:0:Match:0:Equals"] = "pull_request",
            ["Routes:0:Start:Workflow"] = "echo",
            ["Routes:1:Match:0:Header"] = "X-GitHub-Event",
            ["Routes:1:Match:0:Equals"] = "issues",
            ["Routes:1:Match:1:Pointer"] = "/action",
            ["Routes:1:Match:1:Equals"] = "opened|reopened",
            ["Routes:1:Match:2:Pointer"] = "/issue/labels/*/name",
            ["Routes:1:Match:2:Equals"] = "help|bug",
            ["Routes:1:Start:Workflow"] = "issue-triage",
            ["Routes:2:Start:Workflow"] = "catch-all",
        });
        using var body = JsonDocument.Parse(IssueOpened);

        Assert.Equal("issue-triage", First(source, new HeaderDictionary { ["X-GitHub-Event"] = "issues" }, body.RootElement));
        Assert.Equal("echo", First(source, new HeaderDictionary { ["X-GitHub-Event"] = "pull_request" }, body.RootElement));
        using var docsOnly = JsonDocument.Parse(IssueOpened.Replace("\"bug\"", "\"question\"", StringComparison.Ordinal));
        Assert.Equal("catch-all", First(source, new HeaderDictionary { ["X-GitHub-Event"] = "issues" }, docsOnly.RootElement));
    }

    [Fact]
    public void A_pointer_reads_strings_numbers_and_booleans_and_steps_through_arrays_with_a_star()
    {
        using var body = JsonDocument.Parse("""{"a":{"n":42,"ok":true,"s":"x/y","list":[{"v":"1"},{"v":"2"}]},"k~e/y":"esc"}""");
        string[] Values(string pointer) => [.. JsonPointer.Parse(pointer)!.Resolve(body.RootElement).Select(v => JsonPointer.TextOf(v) ?? "(none)")];

        Assert.Equal(["42"], Values("/a/n"));
        Assert.Equal(["true"], Values("/a/ok"));
        Assert.Equal(["1", "2"], Values("/a/list/*/v"));
        Assert.Equal(["2"], Values("/a/list/1/v"));
        Assert.Equal(["esc"], Values("/k~0e~1y"));
        Assert.Empty(Values("/a/missing"));
        Assert.Null(JsonPointer.Parse("a/n"));
    }

    [Fact]
    public void A_template_joins_headers_body_values_and_the_delivery_id_or_resolves_to_nothing()
    {
        using var body = JsonDocument.Parse("""{"data":{"object":{"id":"pi_1"}}}""");
        var headers = new HeaderDictionary { ["X-GitHub-Delivery"] = "d-1" };

        Assert.Equal("gh-d-1", Template("gh-{header:X-GitHub-Delivery}").Resolve(headers, body.RootElement, "x"));
        Assert.Equal("order-pi_1-x", Template("order-{/data/object/id}-{deliveryId}").Resolve(headers, body.RootElement, "x"));
        Assert.Null(Template("order-{/data/object/missing}").Resolve(headers, body.RootElement, "x"));
        Assert.Null(Template("{header:X-Missing}").Resolve(headers, body.RootElement, "x"));
        Assert.NotNull(IdTemplate.Parse("{nope}").Problem);
        Assert.NotNull(IdTemplate.Parse("{/a/*/b}").Problem);
        Assert.NotNull(IdTemplate.Parse("a{b").Problem);
    }

    [Theory]
    [InlineData("Kind", "gitlab", "Webhooks:Sources:src:Kind: Must be one of github, stripe, standard; got 'gitlab'.")]
    [InlineData("Secrets:0", "", "Webhooks:Sources:src:Secrets: At least one secret is required")]
    [InlineData("Routes:0:Start:Id", "x-{oops}", "Webhooks:Sources:src:Routes:0:Start:Id: The placeholder {oops}")]
    [InlineData("Routes:0:Match:0:Pointer", "action", "Webhooks:Sources:src:Routes:0:Match:0:Pointer: A JSON pointer starts with '/'")]
    [InlineData("Routes:0:Event:Type", "approval", "Webhooks:Sources:src:Routes:0: A route has either Start:Workflow or Event:Type")]
    public void A_bad_source_is_refused_at_start_naming_the_setting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:Sources:src:Kind"] = "github",
            ["Webhooks:Sources:src:Secrets:0"] = "s",
            ["Webhooks:Sources:src:Routes:0:Match:0:Pointer"] = "/action",
            ["Webhooks:Sources:src:Routes:0:Match:0:Equals"] = "opened",
            ["Webhooks:Sources:src:Routes:0:Start:Workflow"] = "echo",
            [$"Webhooks:Sources:src:{key}"] = value,
        };
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(WebhooksOptions.Section).Get<WebhooksOptions>()!;

        var problems = SectionSettings<WebhooksOptions>.Problems(WebhooksOptions.Section, options);

        Assert.StartsWith(expected, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_derived_from_a_delivery_are_valid_and_stable()
    {
        Assert.Equal("github-72d3162e-cc78-11e3-81ab-4c9367dc0958", Delivery.DeliveryKeys.InstanceId("github", "72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        var odd = Delivery.DeliveryKeys.InstanceId("standard", "msg with spaces/and:colons");
        Assert.Null(InstanceIds.Validate(odd));
        Assert.Equal(odd, Delivery.DeliveryKeys.InstanceId("standard", "msg with spaces/and:colons"));
        Assert.Null(InputRules.EventId(Delivery.DeliveryKeys.EventId("stripe", new string('e', 200))));
    }

    private static WebhookSource Source(Dictionary<string, string?> settings)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Get<WebhookSourceOptions>()!;
        return WebhookSource.Create("src", options);
    }

    private static string? First(WebhookSource source, IHeaderDictionary headers, JsonElement body) =>
        source.Routes.FirstOrDefault(r => r.Matches(headers, body))?.Workflow;

    private static IdTemplate Template(string text) => IdTemplate.Parse(text).Template!;
}
