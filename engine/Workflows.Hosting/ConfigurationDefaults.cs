using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Workflows.Hosting;

/// <summary>Settings a part starts from: the lowest-precedence source, so appsettings, the environment and the command line override them.</summary>
public static class ConfigurationDefaults
{
    public static void AddDefaults(this IConfigurationManager configuration, IReadOnlyDictionary<string, string?> defaults)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
    }
}
