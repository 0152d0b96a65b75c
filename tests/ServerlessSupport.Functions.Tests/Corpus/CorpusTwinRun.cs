namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>The raw-mode twins (tests/corpus/inbound-raw) in a pipeline of their own: a twin repeats its original's Message-ID.</summary>
public sealed class CorpusTwinRun : CorpusRun
{
    public CorpusTwinRun()
        : base(CorpusLoader.Twins)
    {
    }
}
