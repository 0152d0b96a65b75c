namespace ServerlessSupport.Core.Templates;

internal sealed record RenderedEmail(string Subject, string Text, string Html);
