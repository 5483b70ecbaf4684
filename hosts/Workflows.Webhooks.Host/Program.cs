using Workflows.Hosting;
using Workflows.Webhooks;

return ServiceRunner.Run(args, b => b.AddWorkflows().AddWebhooks());
