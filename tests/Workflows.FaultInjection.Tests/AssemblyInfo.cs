// One distributed stack (five processes on two cores) at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
