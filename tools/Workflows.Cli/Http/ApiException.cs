namespace Workflows.Cli.Http;

/// <summary>The Api answered with an error status; <see cref="Exception.Message"/> is the problem's detail.</summary>
internal sealed class ApiException(int status, string reason, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    /// <summary>The status's reason phrase or the problem's title ("Not Found").</summary>
    public string Reason { get; } = reason;
}
