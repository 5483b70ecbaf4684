namespace Workflows.Sdk;

/// <summary>What happens to a child instance still running when its parent ends (terminated or errored).</summary>
public enum ParentClosePolicy
{
    /// <summary>The child is terminated with its parent (the default).</summary>
    Terminate,

    /// <summary>The child runs on by itself.</summary>
    Abandon,
}
