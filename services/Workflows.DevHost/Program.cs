using Workflows.Api;
using Workflows.DevHost;
using Workflows.ServiceDefaults;

// Api, Orchestrator, Executor (with the samples), Events and timers in one process: `dotnet run --project services/Workflows.DevHost`.
return ServiceRunner.Run(args, builder => builder.AddDevHost(), app => app.MapApi());
