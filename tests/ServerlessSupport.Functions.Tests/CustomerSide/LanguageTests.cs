using System.Net;
using System.Text.Json.Nodes;
using ServerlessSupport.Functions.Tests.Api;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.CustomerSide;

/// <summary>The customer's language end to end: webhook → ticket → acknowledgment through (local) SendGrid, and the agent's control.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LanguageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AgentApiSession _api = null!;

    public async Task InitializeAsync() => _api = await AgentApiSession.StartAsync(azurite);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task GermanAndFrenchMail_AnsweredInTheirLanguageWithContentLanguage()
    {
        var german = await _api.OpenTicketAsync(new InboundMailBuilder().From("Jürgen Müller <juergen@kunde.example>").Subject("Rechnung fehlt")
            .Text("Guten Tag,\n\nich habe die Rechnung für März noch nicht bekommen. Können Sie mir die bitte noch einmal schicken?\n\nViele Grüße"));
        var french = await _api.OpenTicketAsync(new InboundMailBuilder().From("Renée Dupré <renee@client.example>").Subject("Connexion impossible")
            .Date("Mon, 5 Jan 2026 10:00:00 +0100")
            .Text("Bonjour,\n\nje ne peux plus me connecter depuis ce matin. Pouvez-vous m'aider ? Merci d'avance."));

        var acks = _api.Host.SendGrid.Requests;
        var de = acks.Single(r => r.Subject!.Contains(german, StringComparison.Ordinal));
        var fr = acks.Single(r => r.Subject!.Contains(french, StringComparison.Ordinal));
        Assert.Equal("de", de.MailHeader("Content-Language"));
        Assert.Contains("Vielen Dank für Ihre Nachricht", de.Content("text/plain"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", de.Content("text/html"), StringComparison.Ordinal);
        Assert.Equal("fr", fr.MailHeader("Content-Language"));
        Assert.Contains("Merci d'avoir écrit à Example Support", fr.Content("text/plain"), StringComparison.Ordinal);
        Assert.Contains("(UTC+01:00)", fr.Content("text/plain"), StringComparison.Ordinal);
        Assert.Equal("de", (string?)(await _api.TicketAsync(german))["language"]);
        Assert.Equal("fr", (string?)(await _api.TicketAsync(french))["language"]);
    }

    [Fact]
    public async Task ContentLanguageHeader_WinsOverEnglishText()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder().Header("Content-Language", "es-ES").Text("Hello, the app crashes when I open it. Can you please help?"));

        var ack = Assert.Single(_api.Host.SendGrid.Requests);
        Assert.Equal("es", ack.MailHeader("Content-Language"));
        Assert.Contains("Gracias por escribir a", ack.Content("text/plain"), StringComparison.Ordinal);
        var created = (await _api.GetOkAsync($"/api/tickets/{id}"))["events"]!.AsArray()[0]!;
        Assert.Contains("language es (from Content-Language)", (string?)created["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentChangesTheLanguage_NextReplyGoesOutInItAndTheChangeIsAnEvent()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder().Text("Hello, please cancel my subscription. Thanks for your help with it."));

        var changed = await _api.PatchAsync(id, new JsonObject { ["language"] = "es", ["version"] = await _api.VersionAsync(id) });
        var refused = await _api.PatchAsync(id, new JsonObject { ["language"] = "it", ["version"] = await _api.VersionAsync(id) });
        var (status, _) = await _api.ReplyAsync(id, "Hecho: su suscripción está cancelada.", isPublic: true, await _api.VersionAsync(id));
        var reply = (await _api.Host.SendGrid.WaitForRequestsAsync(2))[1];

        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("es", (string?)changed.Body!["ticket"]!["language"]);
        Assert.Contains(changed.Body["events"]!.AsArray(), e => (string?)e!["kind"] == "language-changed" && (string?)e["actor"] == "alice");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("language must be one of en, de, fr, es", (string?)refused.Body!["error"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("es", reply.MailHeader("Content-Language"));
        Assert.Contains($"Ticket {id}: responda a este correo", reply.Content("text/plain"), StringComparison.Ordinal);
        Assert.Equal(["en", "de", "fr", "es"], (await _api.GetOkAsync("/api/me"))["languages"]!.AsArray().Select(l => (string?)l));
    }
}
