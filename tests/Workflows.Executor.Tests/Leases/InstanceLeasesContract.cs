using Workflows.Executor.Claims;
using Microsoft.Extensions.Time.Testing;

namespace Workflows.Executor.Tests.Leases;

/// <summary>
/// What every <see cref="IInstanceLeases"/> guarantees, on a fake clock: one run at a time per instance, taken over once
/// the lease expires or a newer generation asks; a run that lost its lease can neither extend nor free the new holder's.
/// </summary>
public abstract class InstanceLeasesContract
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private IInstanceLeases? _leases;

    private IInstanceLeases Leases => _leases ??= CreateLeases(_time);

    /// <summary>The implementation under test, on the given clock.</summary>
    protected abstract IInstanceLeases CreateLeases(TimeProvider time);

    [Fact]
    public async Task A_free_instance_is_leased_to_the_first_run()
    {
        var owner = await Leases.TryAcquireAsync(NewId(), 1, Duration, CancellationToken.None);

        Assert.NotNull(owner);
    }

    [Fact]
    public async Task A_second_run_of_the_same_generation_is_refused_while_the_lease_is_held()
    {
        var id = NewId();
        await AcquireAsync(id);

        var atOnce = await Leases.TryAcquireAsync(id, 1, Duration, CancellationToken.None);
        _time.Advance(Duration - TimeSpan.FromSeconds(1));
        var justBeforeExpiry = await Leases.TryAcquireAsync(id, 1, Duration, CancellationToken.None);

        Assert.Null(atOnce);
        Assert.Null(justBeforeExpiry);
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_by_the_next_run()
    {
        var id = NewId();
        var first = await AcquireAsync(id);
        _time.Advance(Duration + TimeSpan.FromSeconds(1));

        var second = await Leases.TryAcquireAsync(id, 1, Duration, CancellationToken.None);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_newer_generation_takes_over_a_held_lease_and_an_older_one_is_then_refused()
    {
        var id = NewId();
        await AcquireAsync(id, generation: 1);

        var restarted = await Leases.TryAcquireAsync(id, 2, Duration, CancellationToken.None);
        var stale = await Leases.TryAcquireAsync(id, 1, Duration, CancellationToken.None);

        Assert.NotNull(restarted);
        Assert.Null(stale);
    }

    [Fact]
    public async Task A_renewed_lease_is_held_past_its_first_expiry()
    {
        var id = NewId();
        var owner = await AcquireAsync(id);
        _time.Advance(TimeSpan.FromSeconds(20));
        await Leases.RenewAsync(id, owner, Duration, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(20));
        var pastFirstExpiry = await Leases.TryAcquireAsync(id, 1, Duration, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(11));
        var pastRenewedExpiry = await Leases.TryAcquireAsync(id, 1, Duration, CancellationToken.None);

        Assert.Null(pastFirstExpiry);
        Assert.NotNull(pastRenewedExpiry);
    }

    [Fact]
    public async Task A_renewal_by_a_run_that_lost_its_lease_does_not_extend_the_new_holders()
    {
        var id = NewId();
        var lost = await AcquireAsync(id);
        _time.Advance(Duration + TimeSpan.FromSeconds(1));
        await AcquireAsync(id);

        await Leases.RenewAsync(id, lost, Duration * 2, CancellationToken.None);
        _time.Advance(Duration + TimeSpan.FromSeconds(1));

        Assert.NotNull(await Leases.TryAcquireAsync(id, 1, Duration, CancellationToken.None));
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once()
    {
        var id = NewId();
        var owner = await AcquireAsync(id);

        await Leases.ReleaseAsync(id, owner, CancellationToken.None);

        Assert.NotNull(await Leases.TryAcquireAsync(id, 1, Duration, CancellationToken.None));
    }

    [Fact]
    public async Task A_release_by_a_run_that_lost_its_lease_leaves_the_new_holders_in_place()
    {
        var id = NewId();
        var lost = await AcquireAsync(id);
        _time.Advance(Duration + TimeSpan.FromSeconds(1));
        await AcquireAsync(id);

        await Leases.ReleaseAsync(id, lost, CancellationToken.None);

        Assert.Null(await Leases.TryAcquireAsync(id, 1, Duration, CancellationToken.None));
    }

    private async Task<string> AcquireAsync(string id, long generation = 1) =>
        await Leases.TryAcquireAsync(id, generation, Duration, CancellationToken.None)
            ?? throw new InvalidOperationException($"the lease of {id} should have been free");

    private static string NewId() => $"lease-{Guid.NewGuid():N}";
}
