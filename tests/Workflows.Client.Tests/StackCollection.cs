namespace Workflows.Client.Tests;

/// <summary>One distributed stack for every integration test class here: five processes are started once.</summary>
[CollectionDefinition(nameof(StackCollection))]
public sealed class StackCollection : ICollectionFixture<ClientStack>;
