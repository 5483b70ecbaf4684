using System.Text.RegularExpressions;

namespace Workflows.Deploy.Tests;

/// <summary>How a committed file may mention a secret: by reference (<c>${VAR:?…}</c>) or placeholder (<c>&lt;…&gt;</c>), never by value.</summary>
internal static partial class SecretValues
{
    /// <summary>A setting whose name says it holds a secret (POSTGRES_PASSWORD, RABBITMQ_DEFAULT_PASS, Api__Keys__0, …).</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>A compose variable that must be given: <c>${NAME:?message}</c>, so no default value sits in the file.</summary>
    public static bool IsRequiredReference(string value) => RequiredReference().IsMatch(value);

    /// <summary>A value the operator replaces, such as <c>&lt;api key&gt;</c>.</summary>
    public static bool IsPlaceholder(string value) => Placeholder().IsMatch(value);

    /// <summary>Passwords inside a value: a connection string's <c>Password=…</c>, a URI's <c>user:password@</c>.</summary>
    public static IEnumerable<string> EmbeddedPasswords(string value) =>
        ConnectionStringPassword().Matches(value).Concat(UriPassword().Matches(value)).Select(m => m.Groups["password"].Value);

    [GeneratedRegex("pass|secret|token|key", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]*\}$")]
    private static partial Regex RequiredReference();

    [GeneratedRegex("^<[^<>]+>$")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:^|;)\s*password\s*=\s*(?<password>\$\{[^}]*\}|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"://[^:/@\s]+:(?<password>\$\{[^}]*\}|[^@\s]+)@")]
    private static partial Regex UriPassword();
}
