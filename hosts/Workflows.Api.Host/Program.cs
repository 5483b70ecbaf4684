using Workflows.Api;
using Workflows.Dashboard;
using Workflows.Hosting;

return ServiceRunner.Run(args, b => b.AddWorkflows().AddApi().AddDashboard());
