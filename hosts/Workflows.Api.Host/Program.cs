using Workflows.Api;
using Workflows.Hosting;

return ServiceRunner.Run(args, b => b.AddWorkflows().AddApi());
