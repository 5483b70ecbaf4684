namespace Workflows.Cli;

/// <summary>The process exit codes, one per kind of failure so scripts can tell them apart (listed in docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Anything else: a 5xx, a 503 timeout inside the engine, an answer the CLI does not understand.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, invalid JSON in params or payload, no server configured: nothing was sent.</summary>
    public const int Usage = 2;

    public const int Unreachable = 3;
    public const int Unauthorized = 4;
    public const int NotFound = 5;
    public const int Conflict = 6;

    /// <summary>400, 413 or 422: the server refused the request as invalid.</summary>
    public const int Rejected = 7;

    /// <summary><c>--watch</c> followed the instance to <c>errored</c>.</summary>
    public const int InstanceErrored = 8;

    /// <summary><c>--watch</c> followed the instance to <c>terminated</c>.</summary>
    public const int InstanceTerminated = 9;

    /// <summary>Ctrl+C (the conventional 128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
