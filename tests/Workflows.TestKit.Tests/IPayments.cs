namespace Workflows.TestKit.Tests;

public interface IPayments
{
    Task<Charge> ChargeAsync(string orderId, CancellationToken ct);
}
