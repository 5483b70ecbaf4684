using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Storage;
using Workflows.Storage.EventLog;

namespace Workflows.Orchestrator.Callbacks;

/// <summary>
/// POSTs queued lifecycle events to their instances' callback URLs, signed (Standard Webhooks), in order per instance:
/// only an instance's lowest pending event is attempted, and it is claimed first (its next attempt moved past the POST's
/// timeout) so that one replica at a time has it in flight. A 2xx deletes it; anything else retries with exponential
/// backoff until <see cref="CallbackOptions.Retention"/>. The rows are in the database, so a restart resumes them.
/// </summary>
public sealed class CallbackDeliverer(
    IDbContextFactory<WorkflowsDbContext> factory,
    DatabaseSchema schema,
    IHttpClientFactory http,
    IOptions<CallbackOptions> options,
    TimeProvider time,
    ILogger<CallbackDeliverer> logger) : BackgroundService
{
    public const string HttpClientName = "workflows-callbacks";

    private const int BatchSize = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Secret))
        {
            logger.LogWarning("No {Section}:Secret is configured: instance callbacks are not delivered until one is", CallbackOptions.Section);
            return;
        }
        await schema.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverOnceAsync(stoppingToken) == 0)
                    await Task.Delay(settings.PollInterval, time, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Callback delivery pass failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    /// <summary>Attempts the due head deliveries once; returns how many were attempted.</summary>
    public async Task<int> DeliverOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var expiredBefore = now - settings.Retention;
        await using var db = await factory.CreateDbContextAsync(ct);
        var expired = await db.CallbackDeliveries.Where(d => d.CreatedAt < expiredBefore).ExecuteDeleteAsync(ct);
        if (expired > 0)
            logger.LogWarning("Dropped {Count} callback delivery(ies) unacknowledged for longer than {Retention}", expired, settings.Retention);

        var heads = await db.CallbackDeliveries.AsNoTracking()
            .Where(d => d.NextAttemptAt <= now && !db.CallbackDeliveries.Any(o => o.InstanceId == d.InstanceId && o.Sequence < d.Sequence))
            .OrderBy(d => d.NextAttemptAt)
            .Take(BatchSize)
            .ToListAsync(ct);

        // Claimed by moving the next attempt past the POST: a replica that read the same head loses the update and skips it.
        var lease = now + settings.Timeout + settings.Timeout;
        var claimed = new List<CallbackDeliveryRow>(heads.Count);
        foreach (var head in heads)
            if (await db.CallbackDeliveries
                    .Where(d => d.InstanceId == head.InstanceId && d.Sequence == head.Sequence && d.NextAttemptAt == head.NextAttemptAt)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, lease), ct) == 1)
                claimed.Add(head);

        var outcomes = await Task.WhenAll(claimed.Select(d => PostAsync(d, settings, ct)));
        for (var i = 0; i < claimed.Count; i++)
        {
            var d = claimed[i];
            if (outcomes[i] is null)
            {
                await db.CallbackDeliveries.Where(x => x.InstanceId == d.InstanceId && x.Sequence == d.Sequence).ExecuteDeleteAsync(ct);
                continue;
            }
            var attempts = d.Attempts + 1;
            var next = time.GetUtcNow() + settings.RetryDelay(attempts);
            var error = outcomes[i];
            await db.CallbackDeliveries.Where(x => x.InstanceId == d.InstanceId && x.Sequence == d.Sequence)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Attempts, attempts).SetProperty(x => x.NextAttemptAt, next).SetProperty(x => x.LastError, error), ct);
            logger.LogInformation("Callback {MessageId} of instance {InstanceId} to {Url} failed (attempt {Attempt}): {Error}; next at {Next:O}",
                d.MessageId, d.InstanceId, d.Url, attempts, error, next);
        }
        return claimed.Count;
    }

    /// <returns>Null when acknowledged (2xx), else why not.</returns>
    private async Task<string?> PostAsync(CallbackDeliveryRow delivery, CallbackOptions settings, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(delivery.BodyJson);
        var id = delivery.MessageId.ToString("N");
        var at = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(CallbackSignature.IdHeader, id);
        request.Headers.Add(CallbackSignature.TimestampHeader, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(CallbackSignature.SignatureHeader, CallbackSignature.Sign(settings.Secret!, id, at, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return e is OperationCanceledException ? $"no answer within {settings.Timeout}" : e.Message;
        }
    }
}
