using Workflows.Hosting;
using Workflows.Orchestrator;

return ServiceRunner.Run(args, b => b.AddWorkflows().AddOrchestrator());
