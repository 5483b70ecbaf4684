using System.CommandLine;

namespace Workflows.Cli.Commands;

/// <summary>Arguments and options several commands share; each command gets its own instance.</summary>
internal static class Arguments
{
    public static Argument<string> Workflow() => new("workflow") { Description = "The workflow's name, e.g. approval." };

    public static Argument<string> InstanceId() => new("id") { Description = "The instance's id." };

    public static Option<bool> Watch() => new("--watch", "-w")
    {
        Description = "Follow the instance live until it is complete (exit 0), errored or terminated (non-zero).",
    };
}
