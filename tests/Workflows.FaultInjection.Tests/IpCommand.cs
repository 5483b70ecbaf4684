using System.Diagnostics;

namespace Workflows.FaultInjection.Tests;

/// <summary>iproute2's <c>ip</c>, for the network namespaces and links of <see cref="NetworkNamespaceStack"/> (needs root).</summary>
internal static class IpCommand
{
    /// <summary>Runs <c>ip {arguments}</c>; fails with what it printed unless it exits 0 (or <paramref name="mayFail"/>).</summary>
    public static void Run(bool mayFail, params string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not run ip");
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && !mayFail)
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Trim()}");
    }

    public static void Run(params string[] arguments) => Run(false, arguments);

    /// <summary>Fails at once, with the reason, where network namespaces cannot be made: not root, or no iproute2.</summary>
    public static void RequireNetworkAdministration()
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException(
                "The network-fault tests create network namespaces and veth pairs (ip netns, ip link) and so need root: run deploy/local/test.sh as root (or with sudo), or leave them out with --filter \"Category!=NetworkFaults\".");
        try
        {
            Run("netns", "list");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The network-fault tests need iproute2's `ip` ({e.Message}): apt-get install iproute2.", e);
        }
    }
}
