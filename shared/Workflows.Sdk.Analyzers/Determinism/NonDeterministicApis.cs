using Microsoft.CodeAnalysis;

namespace Workflows.Sdk.Analyzers.Determinism;

/// <summary>Which framework APIs break replay when a workflow body (outside a step callback) calls them, and which rule says so.</summary>
internal sealed class NonDeterministicApis(Compilation compilation)
{
    private readonly INamedTypeSymbol? dateTime = compilation.GetTypeByMetadataName("System.DateTime");
    private readonly INamedTypeSymbol? dateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
    private readonly INamedTypeSymbol? timeProvider = compilation.GetTypeByMetadataName("System.TimeProvider");
    private readonly INamedTypeSymbol? guid = compilation.GetTypeByMetadataName("System.Guid");
    private readonly INamedTypeSymbol? random = compilation.GetTypeByMetadataName("System.Random");
    private readonly INamedTypeSymbol? randomNumberGenerator = compilation.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator");
    private readonly INamedTypeSymbol? task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
    private readonly INamedTypeSymbol? taskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
    private readonly INamedTypeSymbol? thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
    private readonly INamedTypeSymbol? path = compilation.GetTypeByMetadataName("System.IO.Path");

    /// <summary>The rule a property read breaks (<c>DateTime.Now</c>...), or null.</summary>
    public DiagnosticDescriptor? Classify(IPropertySymbol property) =>
        property.Name is "Now" or "UtcNow" or "Today" && (Is(property.ContainingType, dateTime) || Is(property.ContainingType, dateTimeOffset))
            ? DeterminismRules.CurrentTime
            : null;

    /// <summary>The rule a method call breaks, or null.</summary>
    public DiagnosticDescriptor? Classify(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
            return null;
        if (Is(type, timeProvider) && method.Name is "GetUtcNow" or "GetLocalNow" or "GetTimestamp")
            return DeterminismRules.CurrentTime;
        if (Is(type, guid) && method.Name is "NewGuid" or "CreateVersion7")
            return DeterminismRules.NewGuid;
        if (Is(type, random) || Is(type, randomNumberGenerator))
            return DeterminismRules.Random;
        if ((Is(type, task) && method.Name is "Run" or "Delay") || (Is(type, taskFactory) && method.Name == "StartNew") || (Is(type, thread) && method.Name == "Sleep"))
            return DeterminismRules.ThreadingCall;
        return IsInputOutput(type) ? DeterminismRules.InputOutput : null;
    }

    /// <summary><c>ConfigureAwait(false)</c> on a task or a task-like.</summary>
    public static bool IsConfigureAwaitFalse(IMethodSymbol method, Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken ct) =>
        method.Name == "ConfigureAwait"
        && method.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
        && invocation.ArgumentList.Arguments.Count == 1
        && model.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression, ct) is { HasValue: true, Value: false };

    /// <summary>Files, streams, sockets, DNS and HTTP: everything under System.IO (but Path, which only computes) and System.Net's clients.</summary>
    private bool IsInputOutput(INamedTypeSymbol type)
    {
        if (Is(type, path))
            return false;
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        return ns is "System.IO" or "System.Net.Sockets" or "System.Net.Http.Json"
            || (ns == "System.Net.Http" && type.Name is "HttpClient" or "HttpMessageInvoker" or "HttpClientHandler" or "SocketsHttpHandler" or "HttpContent" or "StreamContent")
            || (ns == "System.Net" && type.Name is "Dns" or "WebClient" or "WebRequest" or "HttpWebRequest")
            || InheritsInputOutput(type.BaseType);
    }

    private bool InheritsInputOutput(INamedTypeSymbol? type) =>
        type is not null && type.SpecialType != SpecialType.System_Object && IsInputOutput(type);

    private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
}
