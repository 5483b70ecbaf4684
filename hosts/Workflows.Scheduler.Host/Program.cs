using Workflows.Hosting;
using Workflows.Scheduler;

return ServiceRunner.Run(args, b => b.AddWorkflows().AddScheduler());
