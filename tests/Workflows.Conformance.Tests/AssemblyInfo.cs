// Each stack is five processes on two cores: one stack at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
