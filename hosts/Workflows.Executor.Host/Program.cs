using Workflows.Hosting;
using Workflows.Samples;

// The reference Executor runs the conformance workflows; yours is this line with your own .AddWorkflow<T>() calls.
return ServiceRunner.Run(args, b => b.AddWorkflows().AddSampleWorkflows());
