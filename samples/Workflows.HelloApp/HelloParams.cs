namespace Workflows.HelloApp;

/// <summary>Params of <see cref="HelloWorkflow"/>; every one has a default, so <c>{}</c> starts it.</summary>
/// <param name="Name">Whom to greet.</param>
public sealed record HelloParams(string Name = "world");
