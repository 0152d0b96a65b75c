using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ServerlessSupport.Functions.Inbound;

namespace ServerlessSupport.Functions.Tests.Inbound;

public sealed class InboundSignatureVerifierTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\njane@example.com\r\n--xyz--\r\n");

    [Fact]
    public void Verify_SignatureOfTimestampAndBody_Accepted()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var verifier = Verifier(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));

        Assert.True(verifier.Verify(Signed(key, "1767603600", Body), Body));
    }

    [Fact]
    public void Verify_PemKey_Accepted()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var verifier = Verifier(key.ExportSubjectPublicKeyInfoPem());

        Assert.True(verifier.Verify(Signed(key, "1767603600", Body), Body));
    }

    [Fact]
    public void Verify_TamperedBodyOrTimestamp_Refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var verifier = Verifier(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
        var headers = Signed(key, "1767603600", Body);

        var tampered = (byte[])Body.Clone();
        tampered[^5] ^= 1;
        Assert.False(verifier.Verify(headers, tampered));

        headers[InboundSignatureVerifier.TimestampHeader] = "1767603601";
        Assert.False(verifier.Verify(headers, Body));
    }

    [Fact]
    public void Verify_SignedByAnotherKeyOrUnsigned_Refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var verifier = Verifier(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));

        Assert.False(verifier.Verify(Signed(other, "1767603600", Body), Body));
        Assert.False(verifier.Verify(new HeaderDictionary(), Body));
        Assert.False(verifier.Verify(new HeaderDictionary { [InboundSignatureVerifier.SignatureHeader] = "not base64!", [InboundSignatureVerifier.TimestampHeader] = "1" }, Body));
    }

    [Fact]
    public void Verify_NoKeyConfigured_EverythingPasses()
    {
        using var verifier = Verifier(null);

        Assert.False(verifier.Enabled);
        Assert.True(verifier.Verify(new HeaderDictionary(), Body));
    }

    [Fact]
    public void Constructor_KeyThatIsNotAKey_FailsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Verifier("bm90IGEga2V5"));

        Assert.Contains("InboundVerificationKey", ex.Message, StringComparison.Ordinal);
    }

    private static InboundSignatureVerifier Verifier(string? key) => new(Options.Create(new InboundOptions { InboundVerificationKey = key }));

    private static HeaderDictionary Signed(ECDsa key, string timestamp, byte[] body)
    {
        var signature = key.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new HeaderDictionary
        {
            [InboundSignatureVerifier.SignatureHeader] = Convert.ToBase64String(signature),
            [InboundSignatureVerifier.TimestampHeader] = timestamp,
        };
    }
}
