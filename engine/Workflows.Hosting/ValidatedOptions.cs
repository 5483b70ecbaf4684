using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Workflows.Runtime;

namespace Workflows.Hosting;

/// <summary>The one way the engine binds settings: by section, checked by their data annotations, a problem named by its key.</summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it when the host starts
    /// (<c>ValidateOnStart</c>): a value of the wrong type or outside its range stops the host with one line naming the
    /// key and the rule (see <see cref="ServiceRunner"/>).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new SectionSettings<TOptions>(section)));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// The same rules, read now, for settings a part needs while it is being composed (e.g. Quartz's thread count):
    /// a problem throws <see cref="MissingSettingException"/> naming the key.
    /// </summary>
    public static TOptions ReadValidated<TOptions>(this IConfiguration configuration, string section)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TOptions();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new MissingSettingException(SettingProblem.Describe(e) ?? e.Message);
        }
        var problems = SectionSettings<TOptions>.Problems(section, options);
        return problems.Count == 0 ? options : throw new MissingSettingException(string.Join(" ", problems));
    }
}
