using Workflows.Events;
using Workflows.Hosting;

return ServiceRunner.Run(args, b => b.AddWorkflows().AddEvents());
