using Workflows.Engine;
using Workflows.Hosting;
using Workflows.Samples;

// The whole engine and the conformance workflows in one process: `dotnet run --project hosts/Workflows.DevHost`.
return ServiceRunner.Run(args, b => b.AddWorkflows().AddEmbeddedEngine().AddSampleWorkflows());
