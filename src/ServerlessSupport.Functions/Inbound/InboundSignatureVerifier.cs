using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ServerlessSupport.Functions.Inbound;

/// <summary>
/// SendGrid's signed webhooks (optional): when <c>SendGrid__InboundVerificationKey</c> holds the ECDSA public key from the
/// SendGrid console (base64 DER or PEM), a request must carry a valid ECDSA-SHA256 signature of timestamp + body in
/// <c>X-Twilio-Email-Event-Webhook-Signature</c> / <c>-Timestamp</c>. Without the setting every request passes here.
/// Why not the SendGrid package's <c>RequestValidator</c>: it takes the payload as a string and signs its UTF-8 bytes,
/// which fits the event webhook's JSON but not Inbound Parse, whose form body carries raw 8-bit mail and binary
/// attachments: any byte that is not UTF-8 would change in the round trip and fail a valid signature. This verifies
/// the bytes as received, with the platform's ECDSA.
/// </summary>
internal sealed class InboundSignatureVerifier : IDisposable
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private readonly ECDsa? _key;

    public InboundSignatureVerifier(IOptions<InboundOptions> options)
    {
        var text = options.Value.InboundVerificationKey?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        _key = ECDsa.Create();
        try
        {
            if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                _key.ImportFromPem(text);
            }
            else
            {
                _key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text), out _);
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
        {
            _key.Dispose();
            throw new InvalidOperationException("SendGrid:InboundVerificationKey is not an ECDSA public key (base64 DER or PEM).", ex);
        }
    }

    public bool Enabled => _key is not null;

    public bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        if (_key is null)
        {
            return true;
        }

        var signature = headers[SignatureHeader].FirstOrDefault();
        var timestamp = headers[TimestampHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return false;
        }

        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        var prefix = Encoding.UTF8.GetBytes(timestamp);
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return _key.VerifyData(signed, signatureBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public void Dispose() => _key?.Dispose();
}
