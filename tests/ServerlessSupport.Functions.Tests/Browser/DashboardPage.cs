using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServerlessSupport.Functions.Tests.Browser;

/// <summary>The dashboard as an agent sees it: what the tests click and read, found by label, role and landmark.</summary>
internal sealed class DashboardPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator QueueRows => Page.Locator("#queue-body tr");

    public ILocator Thread => Page.Locator("#thread");

    public ILocator TicketTitle => Page.Locator("#ticket-title");

    public ILocator TicketDeadline => Page.Locator("#ticket-deadline");

    public ILocator Notice => Page.Locator("#notice");

    /// <summary>The ticket view's list of promises to the customer.</summary>
    public ILocator Promises => Page.Locator("#promises");

    public ILocator PromiseMetrics => Page.Locator("#m-promises");

    /// <summary>The "My notifications" dialog: the agent's address and notification switches.</summary>
    public ILocator ProfileDialog => Page.GetByRole(AriaRole.Dialog, new() { Name = "My notifications" });

    public async Task<IResponse?> SignInAsync(string key, string agent)
    {
        var response = await Page.GotoAsync("/");
        await Page.GetByLabel("Agent API key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.Locator("#agent-name")).ToHaveTextAsync(agent);
        return response;
    }

    public async Task OpenProfileAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "My notifications" }).ClickAsync();
        await Expect(ProfileDialog).ToBeVisibleAsync();
    }

    public Task SaveProfileAsync() => ProfileDialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

    public ILocator QueueRow(string subject) => QueueRows.Filter(new() { HasText = subject });

    public ILocator SlaCell(string subject) => QueueRow(subject).Locator("td.sla");

    public ILocator PromiseCell(string subject) => QueueRow(subject).Locator("td.promise");

    public async Task OpenTicketAsync(string subject)
    {
        await QueueRow(subject).GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await Expect(TicketTitle).ToContainTextAsync(subject);
    }

    public async Task ReplyAsync(string text, bool isPublic = true)
    {
        await Page.GetByLabel("Reply or note").FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = isPublic ? "Send reply" : "Add internal note" }).ClickAsync();
        await Expect(Notice).ToContainTextAsync(isPublic ? "Reply sent" : "Internal note added");
    }

    /// <summary>Fills the reply box's promise: its kind ("Update", "Resolution") and the browser-local date and time.</summary>
    public async Task ChoosePromiseAsync(string kind, DateTime localBy)
    {
        await Page.GetByLabel("Promise the customer").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await Page.GetByLabel("Promised by (your time)").FillAsync(localBy.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task SetStatusAsync(string label)
    {
        await Page.GetByRole(AriaRole.Form, new() { Name = "Ticket controls" }).GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = label });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(Notice).ToContainTextAsync("Ticket updated");
    }

    public Task FilterStatusAsync(string label) =>
        Page.Locator("#filters").GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = label });
}
