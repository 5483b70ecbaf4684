namespace Workflows.TestKit.Tests;

/// <summary>Declines the first <see cref="Declines"/> charges, then charges.</summary>
public sealed class FakePayments : IPayments
{
    public int Declines { get; set; }

    public int Calls { get; private set; }

    public Task<Charge> ChargeAsync(string orderId, CancellationToken ct)
    {
        Calls++;
        return Calls <= Declines
            ? Task.FromException<Charge>(new InvalidOperationException("card declined"))
            : Task.FromResult(new Charge($"ch_{orderId}"));
    }
}
