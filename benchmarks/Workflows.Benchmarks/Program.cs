using Workflows.Benchmarks;

// The system benchmark: `dotnet run -c Release --project benchmarks/Workflows.Benchmarks -- [--quick] [--only a,b] [--out path]`.
if (BenchmarkOptions.Parse(args) is not { } options)
    return 2;
return await BenchmarkRunner.RunAsync(options);
