namespace Workflows.Api.Tests;

/// <summary>The test classes that share one Api process, database and vhost (each test uses its own instance ids).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "Api";
}
