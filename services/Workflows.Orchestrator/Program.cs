using Workflows.Orchestrator;
using Workflows.ServiceDefaults;

return ServiceRunner.Run(args, builder => builder.AddOrchestrator());
