using System.Text;

namespace Workflows.Cli.Tests;

/// <summary>A stdout a test can read while the CLI is still writing to it (e.g. under <c>--watch</c>).</summary>
internal sealed class LiveOutput : TextWriter
{
    private readonly StringBuilder text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (text)
            text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (text)
            text.Append(value);
    }

    public override string ToString()
    {
        lock (text)
            return text.ToString();
    }

    /// <summary>Waits until what has been written so far contains <paramref name="expected"/>.</summary>
    public async Task WaitForAsync(string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!ToString().Contains(expected, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"stdout never contained '{expected}' within {timeout}:\n{this}");
            await Task.Delay(50);
        }
    }
}
