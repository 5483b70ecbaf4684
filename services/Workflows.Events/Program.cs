using Workflows.Events;
using Workflows.ServiceDefaults;

return ServiceRunner.Run(args, builder => builder.AddEventsService());
