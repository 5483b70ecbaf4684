namespace Workflows.Deploy.Tests;

/// <summary>deploy/Dockerfile as a list of instructions (continuation lines joined, comments dropped).</summary>
internal sealed class Dockerfile
{
    public const string Path = "deploy/Dockerfile";

    private Dockerfile(IReadOnlyList<(string Instruction, string Arguments)> instructions) => Instructions = instructions;

    public IReadOnlyList<(string Instruction, string Arguments)> Instructions { get; }

    /// <summary>The instructions of the last stage, the one that becomes the image.</summary>
    public IReadOnlyList<(string Instruction, string Arguments)> RuntimeStage =>
        Instructions.Skip(Instructions.Select((x, i) => (x.Instruction, i)).Last(x => x.Instruction == "FROM").i).ToList();

    public int ExposedPort => int.Parse(RuntimeStage.Single(x => x.Instruction == "EXPOSE").Arguments.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyDictionary<string, string> RuntimeEnvironment => RuntimeStage
        .Where(x => x.Instruction == "ENV")
        .SelectMany(x => x.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    public static Dockerfile Load()
    {
        var instructions = new List<(string, string)>();
        var current = "";
        foreach (var raw in RepositoryFiles.Read(Path).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#'))
                continue;
            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (line.EndsWith('\\') || current.Length == 0)
                continue;
            var space = current.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
            current = "";
        }
        return new Dockerfile(instructions);
    }
}
