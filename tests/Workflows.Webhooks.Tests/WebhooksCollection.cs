namespace Workflows.Webhooks.Tests;

/// <summary>One stack (six service processes) for every end-to-end test; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class WebhooksCollection : ICollectionFixture<WebhooksStack>
{
    public const string Name = "webhooks stack";
}
