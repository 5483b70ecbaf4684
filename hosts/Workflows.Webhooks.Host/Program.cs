using Workflows.Hosting;

// Webhook ingestion arrives with its own part; until then the host answers /alive and /health.
return ServiceRunner.Run(args, b => b.AddWorkflows());
