using Workflows.Executor.Hosting;
using Workflows.Samples;
using Workflows.ServiceDefaults;

// The reference Executor: the conformance workflows. Your own executor is this file with your workflows.
return ServiceRunner.Run(args, builder => builder.AddWorkflowExecutor().AddSampleWorkflows());
