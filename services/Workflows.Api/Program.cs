using Workflows.Api;
using Workflows.ServiceDefaults;

return ServiceRunner.Run(args,
    builder =>
    {
        builder.AddServiceDefaults(bus => bus.AddOrchestratorClients());
        builder.AddApi();
    },
    app => app.MapApi());
