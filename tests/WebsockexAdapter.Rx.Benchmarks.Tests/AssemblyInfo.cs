// The suites open many loopback sockets and probe the process's memory and file descriptors: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
