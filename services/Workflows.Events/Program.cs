using Workflows.ServiceDefaults;

return ServiceRunner.Run(args, builder => builder.AddServiceDefaults());
