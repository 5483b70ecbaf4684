namespace Workflows.Templates.Tests;

/// <summary>A new folder under the system's temp directory (outside any repository), deleted with everything in it.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("wf-template-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException) { } // a process that outlived its kill still holds a file: the temp folder is cleaned later
    }
}
