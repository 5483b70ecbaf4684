using Workflows.Cli;

return await Cli.RunAsync(args, CliEnvironment.FromProcess());
