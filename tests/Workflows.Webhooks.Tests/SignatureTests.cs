using System.Text;
using Microsoft.AspNetCore.Http;
using Workflows.Webhooks.Verification;

namespace Workflows.Webhooks.Tests;

public sealed class SignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void GitHub_verifies_the_example_from_its_documentation()
    {
        // docs.github.com, "Validating webhook deliveries": secret, payload and the signature it gives.
        var headers = new HeaderDictionary { ["X-Hub-Signature-256"] = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" };
        var scheme = new GitHubSignature(["It's a Secret to Everybody"]);

        Assert.True(scheme.Verify(headers, "Hello, World!"u8, Now));
        Assert.False(scheme.Verify(headers, "Hello, World?"u8, Now));
        Assert.False(new GitHubSignature(["another secret"]).Verify(headers, "Hello, World!"u8, Now));
        Assert.False(scheme.Verify(new HeaderDictionary(), "Hello, World!"u8, Now));
    }

    [Fact]
    public void GitHub_accepts_either_secret_while_one_is_rotated()
    {
        var body = "{\"action\":\"opened\"}"u8.ToArray();
        var scheme = new GitHubSignature(["old", "new"]);
        foreach (var secret in new[] { "old", "new" })
            Assert.True(scheme.Verify(new HeaderDictionary { ["X-Hub-Signature-256"] = GitHubSignature.Signature(secret, body) }, body, Now));
        Assert.False(scheme.Verify(new HeaderDictionary { ["X-Hub-Signature-256"] = GitHubSignature.Signature("older", body) }, body, Now));
    }

    [Fact]
    public void Stripe_verifies_the_scheme_it_documents_and_refuses_a_stale_timestamp()
    {
        // stripe.com/docs/webhooks, "Verify manually": v1 = hex HMAC-SHA256 of "{t}.{payload}" keyed with the endpoint secret.
        const string secret = "whsec_test_secret";
        var body = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}"u8.ToArray();
        var t = Now.ToUnixTimeSeconds();
        var v1 = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{Encoding.UTF8.GetString(body)}")));
        var scheme = new StripeSignature([secret], Tolerance);

        // A header may carry several v1 signatures (during a secret roll) and a v0 that is ignored.
        Assert.True(scheme.Verify(new HeaderDictionary { ["Stripe-Signature"] = $"t={t},v1={new string('0', 64)},v1={v1},v0=abc" }, body, Now));
        Assert.Equal($"t={t},v1={v1}", StripeSignature.Signature(secret, Now, body));
        Assert.False(scheme.Verify(new HeaderDictionary { ["Stripe-Signature"] = $"t={t},v1={v1}" }, body, Now.AddMinutes(6)));
        Assert.False(scheme.Verify(new HeaderDictionary { ["Stripe-Signature"] = $"t={t + 1},v1={v1}" }, body, Now));
        Assert.False(scheme.Verify(new HeaderDictionary { ["Stripe-Signature"] = $"t={t}" }, body, Now));
    }

    [Fact]
    public void Standard_webhooks_verifies_the_example_of_its_specification()
    {
        // github.com/standard-webhooks/standard-webhooks, spec and reference tests: secret, id, timestamp, payload and signature.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var at = DateTimeOffset.FromUnixTimeSeconds(1614265330);
        var body = "{\"test\": 2432232314}"u8.ToArray();
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "msg_p5jXN8AQM9LWM0D4loKWxJek",
            ["webhook-timestamp"] = "1614265330",
            ["webhook-signature"] = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        };
        var scheme = new StandardWebhooksSignature([secret], Tolerance);

        Assert.True(scheme.Verify(headers, body, at));
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", StandardWebhooksSignature.Signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", at, body));
        Assert.False(scheme.Verify(headers, body, at.AddMinutes(6)));
        Assert.False(scheme.Verify(headers, "{\"test\": 2432232315}"u8, at));
        Assert.Equal("msg_p5jXN8AQM9LWM0D4loKWxJek", scheme.DeliveryId(headers, default));
    }

    [Fact]
    public void Standard_webhooks_takes_any_of_several_signatures_and_any_of_several_secrets()
    {
        const string old = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var fresh = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("a newer secret of 24 bytes"));
        var body = "{}"u8.ToArray();
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "msg_1",
            ["webhook-timestamp"] = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = "v1,bm90IGl0 " + StandardWebhooksSignature.Signature(fresh, "msg_1", Now, body),
        };

        Assert.True(new StandardWebhooksSignature([old, fresh], Tolerance).Verify(headers, body, Now));
        Assert.False(new StandardWebhooksSignature([old], Tolerance).Verify(headers, body, Now));
    }
}
