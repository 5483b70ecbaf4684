using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Options;
using Workflows.Api.Http;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Runtime;

namespace Workflows.Api;

/// <summary>
/// Single creates that arrive together go to the Orchestrator together: one <see cref="CreateInstances"/> (one message,
/// one transaction) carries whatever queued while earlier ones were in flight, so a burst of single creates costs what a
/// batch costs. Nothing waits for company: a create that finds none is sent at once. A batch is all or nothing, so when
/// the Orchestrator refuses a combined one (an id in use, input it refuses), each create is asked again alone and gets
/// its own answer; a combined one that times out is a 503 for each, as it would have been alone.
/// </summary>
public sealed class SingleCreates : IAsyncDisposable
{
    // Combined requests in flight at once; creates queue behind them (and combine) only when all are busy.
    private const int MaxInFlight = 4;

    // As many as one batch request may hold.
    private const int MaxPerRequest = 100;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim inFlight = new(MaxInFlight);
    private readonly IRequestClient<CreateInstances> client;
    private readonly TimeSpan timeout;
    private readonly long maxBytes;
    private readonly Task sender;

    public SingleCreates(IBus bus, IOptions<ApiOptions> api, IOptions<WorkflowRuntimeOptions> limits)
    {
        client = bus.CreateRequestClient<CreateInstances>(QueueNames.Address(QueueNames.CreateInstances));
        timeout = api.Value.RequestTimeout;
        maxBytes = limits.Value.MaxBatchBytes;
        sender = Task.Run(SendAllAsync);
    }

    /// <summary>Creates one instance; the answer (or the problem: 409, 400, 413, 503) is the one it would get alone.</summary>
    public Task<CreatedInstance> CreateAsync(NewInstance instance, CancellationToken ct)
    {
        var pending = new Pending(instance, BusMessageSize.Of(instance));
        if (!queue.Writer.TryWrite(pending))
            throw ProblemException.Unavailable("The Api is shutting down; try again.");
        return pending.Created.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Asks the Orchestrator for the given instances as one batch (all or none); <paramref name="bulk"/> runs them on the
    /// Executors' bulk queue, behind the work someone waits on.
    /// </summary>
    public async Task<List<CreatedInstance>> AskAsync(List<NewInstance> instances, bool bulk, CancellationToken ct)
    {
        var response = await client.AskAsync<CreateInstances, InstancesCreated, InstancesRejected>(
            new CreateInstances(instances, bulk), timeout, "orchestrator", ct);
        if (response.Is(out Response<InstancesRejected>? rejected))
            throw Problem(rejected.Message);
        var statuses = response.Is(out Response<InstancesCreated>? ok) ? ok.Message.Statuses : null;
        return [.. instances.Select((x, i) => new CreatedInstance(x.InstanceId, statuses?.ElementAtOrDefault(i) ?? InstanceStatuses.Running))];
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await sender;
        inFlight.Dispose();
    }

    private async Task SendAllAsync()
    {
        while (await queue.Reader.WaitToReadAsync())
        {
            await inFlight.WaitAsync();
            var batch = new List<Pending>();
            long bytes = 0;
            while (batch.Count < MaxPerRequest && queue.Reader.TryPeek(out var next) && (batch.Count == 0 || bytes + next.Bytes <= maxBytes))
            {
                queue.Reader.TryRead(out _);
                batch.Add(next);
                bytes += next.Bytes;
            }
            _ = SendAsync(batch);
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            var created = await AskCombinedAsync(batch);
            for (var i = 0; i < batch.Count; i++)
                batch[i].Created.TrySetResult(created[i]);
        }
        catch (CombinedRefused)
        {
            // Nothing of the batch was created: each create asks alone for its own answer.
            await Task.WhenAll(batch.Select(async pending =>
            {
                try
                {
                    pending.Created.TrySetResult((await AskAsync([pending.Instance], bulk: false, CancellationToken.None))[0]);
                }
                catch (Exception e)
                {
                    pending.Created.TrySetException(e);
                }
            }));
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
                pending.Created.TrySetException(e);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task<List<CreatedInstance>> AskCombinedAsync(List<Pending> batch)
    {
        if (batch.Count == 1)
            return await AskAsync([batch[0].Instance], bulk: false, CancellationToken.None);
        try
        {
            return await AskAsync([.. batch.Select(p => p.Instance)], bulk: false, CancellationToken.None);
        }
        catch (ProblemException e) when (e.Status is not StatusCodes.Status503ServiceUnavailable)
        {
            throw new CombinedRefused();
        }
    }

    private static ProblemException Problem(InstancesRejected rejected)
    {
        if (rejected.Code is RejectionCodes.Invalid)
            return ProblemException.BadRequest(rejected.Reason);
        if (rejected.Code is RejectionCodes.TooLarge)
            return ProblemException.TooLarge(rejected.Reason);
        var ids = rejected.InstanceIds;
        return ProblemException.Conflict(ids.Count switch
        {
            0 => rejected.Reason,
            1 => $"The instance id '{ids[0]}' is already in use.",
            _ => $"These instance ids are already in use: {string.Join(", ", ids)}.",
        });
    }

    private sealed record Pending(NewInstance Instance, long Bytes)
    {
        public TaskCompletionSource<CreatedInstance> Created { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class CombinedRefused : Exception;
}
