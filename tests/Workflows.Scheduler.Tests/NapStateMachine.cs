using MassTransit;

namespace Workflows.Scheduler.Tests;

/// <summary>A saga that sleeps with MassTransit's own <c>Schedule</c>, as the Orchestrator does, then reports a probe.</summary>
public sealed class NapStateMachine : MassTransitStateMachine<NapState>
{
    public static readonly TimeSpan NapLength = TimeSpan.FromSeconds(1);

    public NapStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Started, e => e.CorrelateById(c => c.Message.NapId));
        Schedule(() => WakeUp, x => x.WakeUpToken, s =>
        {
            s.Delay = NapLength;
            s.Received = r => r.CorrelateById(c => c.Message.NapId);
        });

        Initially(
            When(Started)
                .Schedule(WakeUp, c => new NapOver(c.Message.NapId, c.Message.Run))
                .TransitionTo(Napping));
        During(Napping,
            When(WakeUp.Received)
                .Publish(c => new ProbeMessage(c.Message.Run, 1, "woke up"))
                .Finalize());
    }

    public State Napping { get; private set; } = null!;

    public Event<StartNap> Started { get; private set; } = null!;

    public Schedule<NapState, NapOver> WakeUp { get; private set; } = null!;
}
