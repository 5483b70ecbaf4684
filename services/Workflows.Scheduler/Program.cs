using Workflows.Scheduler;
using Workflows.ServiceDefaults;

return ServiceRunner.Run(args, builder =>
{
    builder.AddServiceDefaults(bus => bus.AddSchedulerConsumers());
    builder.AddScheduler();
});
