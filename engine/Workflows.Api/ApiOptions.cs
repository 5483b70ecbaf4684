using Workflows.Hosting;

namespace Workflows.Api;

/// <summary>Section <c>Api</c>: who may call the API and how long it waits for the Orchestrator.</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Accepted bearer keys (<c>Api:Keys:0</c>, <c>Api:Keys:1</c>, … or one comma-separated <c>Api:Keys</c>).</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    /// <summary>How long a request to the Orchestrator or the Events service may take before the API answers 503.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Binds and checks the section; a missing or bad value throws <see cref="MissingSettingException"/> naming it.</summary>
    public static ApiOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var keysSection = section.GetSection(nameof(Keys));
        var keys = (keysSection.Value is { } joined ? joined.Split(',') : keysSection.GetChildren().Select(c => c.Value ?? ""))
            .Select(k => k.Trim())
            .Where(k => k.Length > 0)
            .ToList();
        if (keys.Count == 0)
            throw new MissingSettingException("Api:Keys is not set: give at least one API key (Api__Keys__0=<key>, or a comma-separated Api__Keys).");

        var timeout = TimeSpan.FromSeconds(30);
        if (section[nameof(RequestTimeout)] is { Length: > 0 } text && (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out timeout) || timeout <= TimeSpan.Zero))
            throw new MissingSettingException("Api:RequestTimeout is not a positive time span such as 00:00:30.");

        return new ApiOptions { Keys = keys, RequestTimeout = timeout };
    }
}
