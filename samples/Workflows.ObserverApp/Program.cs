using Workflows.Client;
using Workflows.Client.Observers;
using Workflows.ObserverApp;

// Settings: ConnectionStrings:RabbitMq, Observer:Workflows (comma-separated), Observer:Queue.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddWorkflowsClient().AddLifecycleObserver<ConsoleObserver>(o =>
{
    o.Workflows = builder.Configuration["Observer:Workflows"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
    o.QueueName = builder.Configuration["Observer:Queue"];
});
builder.Build().Run();
