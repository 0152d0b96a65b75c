namespace ServerlessSupport.Functions.Tests.Faults;

/// <summary>One generated hostile or malformed webhook body: where it goes (<c>sendgrid</c> or <c>json</c>) and what it is.</summary>
internal sealed record BadInputCase(string Name, string Kind, byte[] Body, string ContentType)
{
    public override string ToString() => $"{Name} ({Kind}, {Body.Length} bytes)";
}
