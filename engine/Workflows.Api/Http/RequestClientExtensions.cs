using MassTransit;

namespace Workflows.Api.Http;

/// <summary>Requests to the Orchestrator and the Events service that end in an answer or a 503, never a hang.</summary>
internal static class RequestClientExtensions
{
    public static async Task<Response<T>> AskAsync<TRequest, T>(
        this IRequestClient<TRequest> client, TRequest message, TimeSpan timeout, string service, CancellationToken aborted)
        where TRequest : class
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(timeout + TimeSpan.FromSeconds(1));
        try
        {
            return await client.GetResponse<T>(message, deadline.Token, RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
        }
        catch (Exception e) when (e is RequestTimeoutException || (e is OperationCanceledException && !aborted.IsCancellationRequested))
        {
            throw ProblemException.Unavailable($"The {service} did not answer within {timeout.TotalSeconds:0.#} s; try again later.");
        }
    }

    public static async Task<Response<T1, T2>> AskAsync<TRequest, T1, T2>(
        this IRequestClient<TRequest> client, TRequest message, TimeSpan timeout, string service, CancellationToken aborted)
        where TRequest : class
        where T1 : class
        where T2 : class
    {
        // The timeout covers the reply; the token also bounds a send that waits for RabbitMQ to come back.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(timeout + TimeSpan.FromSeconds(1));
        try
        {
            return await client.GetResponse<T1, T2>(message, deadline.Token, RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
        }
        catch (Exception e) when (e is RequestTimeoutException || (e is OperationCanceledException && !aborted.IsCancellationRequested))
        {
            throw ProblemException.Unavailable($"The {service} did not answer within {timeout.TotalSeconds:0.#} s; try again later.");
        }
    }
}
