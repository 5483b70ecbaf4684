// A distributed stack is five processes on two cores: one stack (and one DevHost) at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
