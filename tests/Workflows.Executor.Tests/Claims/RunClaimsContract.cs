using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Workflows.Executor.Claims;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Executor.Tests.Claims;

/// <summary>
/// What every <see cref="IRunClaims"/> guarantees: a current delivery gets the lease, the instance's state and its
/// generation's history; a second one steps aside while the lease is held; a stale one steps aside and leaves no lease.
/// </summary>
public abstract class RunClaimsContract
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private (IRunClaims Claims, IInstanceLeases Leases)? _parts;

    protected abstract IDbContextFactory<WorkflowsDbContext> Factory { get; }

    protected abstract IHistoryStore History { get; }

    /// <summary>The implementation under test and the leases it takes, on the given clock.</summary>
    protected abstract (IRunClaims Claims, IInstanceLeases Leases) Create(TimeProvider time);

    private IRunClaims Claims => (_parts ??= Create(_time)).Claims;

    private IInstanceLeases Leases => (_parts ??= Create(_time)).Leases;

    [Fact]
    public async Task A_running_instance_is_claimed_with_its_state_and_the_history_of_its_generation()
    {
        var id = await InstanceAsync(InstanceStates.Running, generation: 2);
        await History.SaveStepAsync(id, 1, Step("old", 1), CancellationToken.None);
        await History.SaveStepAsync(id, 2, Step("second", 2), CancellationToken.None);
        await History.SaveStepAsync(id, 2, Step("first", 1), CancellationToken.None);

        var claim = await Claims.TryClaimAsync(id, 2, Duration, CancellationToken.None);

        Assert.NotNull(claim);
        Assert.Equal(InstanceStates.Running, claim.State);
        Assert.Equal(["first#1", "second#1"], claim.History.OrderBy(s => s.Sequence).Select(s => s.Key));
        // The lease is the claim's: nobody else gets it until it is released.
        Assert.Null(await Leases.TryAcquireAsync(id, 2, Duration, CancellationToken.None));
        await Leases.ReleaseAsync(id, claim.Owner, CancellationToken.None);
        Assert.NotNull(await Leases.TryAcquireAsync(id, 2, Duration, CancellationToken.None));
    }

    [Fact]
    public async Task A_second_delivery_steps_aside_while_the_first_holds_the_lease()
    {
        var id = await InstanceAsync(InstanceStates.Running, generation: 1);

        var first = await Claims.TryClaimAsync(id, 1, Duration, CancellationToken.None);
        var second = await Claims.TryClaimAsync(id, 1, Duration, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task A_pausing_instance_is_claimed_so_the_pause_can_be_reported()
    {
        var id = await InstanceAsync(InstanceStates.WaitingForPause, generation: 1);

        var claim = await Claims.TryClaimAsync(id, 1, Duration, CancellationToken.None);

        Assert.Equal(InstanceStates.WaitingForPause, claim?.State);
    }

    [Theory]
    [InlineData(InstanceStates.Waiting, 1L)]
    [InlineData(InstanceStates.Complete, 1L)]
    [InlineData(InstanceStates.Running, 2L)]
    public async Task A_stale_delivery_steps_aside_and_leaves_no_lease(string state, long deliveredGeneration)
    {
        var id = await InstanceAsync(state, generation: 1);

        var claim = await Claims.TryClaimAsync(id, deliveredGeneration, Duration, CancellationToken.None);

        Assert.Null(claim);
        Assert.NotNull(await Leases.TryAcquireAsync(id, deliveredGeneration, Duration, CancellationToken.None));
    }

    [Fact]
    public async Task A_delivery_for_an_unknown_instance_steps_aside()
    {
        Assert.Null(await Claims.TryClaimAsync($"claims-{Guid.NewGuid():N}", 1, Duration, CancellationToken.None));
    }

    private async Task<string> InstanceAsync(string state, long generation)
    {
        var id = $"claims-{Guid.NewGuid():N}";
        await using var db = await Factory.CreateDbContextAsync();
        db.Instances.Add(new WorkflowInstance
        {
            CorrelationId = InstanceIds.Correlation(id),
            InstanceId = id,
            Workflow = "greeting",
            CurrentState = state,
            Generation = generation,
            CreatedAt = _time.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return id;
    }

    private StepRecord Step(string name, int sequence) => new()
    {
        Key = $"{name}#1",
        Name = name,
        Occurrence = 1,
        Sequence = sequence,
        Kind = StepKind.Do,
        Status = StepStatus.Complete,
        Attempts = 1,
        StartedAt = _time.GetUtcNow(),
        EndedAt = _time.GetUtcNow(),
        ResultJson = "1",
    };
}
