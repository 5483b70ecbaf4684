// A distributed stack is five processes on two cores, and each class drives a browser: one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
