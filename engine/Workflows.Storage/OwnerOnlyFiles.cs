namespace Workflows.Storage;

/// <summary>
/// Files only their owner may read, for state that holds every payload or a key (on Unix; on Windows a new file inherits
/// its folder's ACL, which is left as it is).
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute;
    private const UnixFileMode GroupAndOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                               | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the directory (and missing parents) owner-only (0700); an existing one is left as it is: it may be shared, as /tmp is.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Creates the file empty and owner-only (0600) when it is missing, so it is never readable by others, not even briefly.</summary>
    public static void CreateFile(string path)
    {
        if (File.Exists(path))
            return;
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode;
        try
        {
            using var created = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; Restrict still applies.
        }
    }

    /// <summary>Takes group and other permissions away from an existing file (one an earlier version created 0644); a missing file is ignored.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
            return;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupAndOther) != 0)
            File.SetUnixFileMode(path, mode & ~GroupAndOther);
    }
}
