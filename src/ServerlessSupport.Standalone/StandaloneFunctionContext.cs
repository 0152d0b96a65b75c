using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Standalone;

/// <summary>The <see cref="FunctionContext"/> a function gets when the standalone host runs it (no host, no gRPC).</summary>
internal sealed class StandaloneFunctionContext(FunctionEntry function, IServiceProvider services, CancellationToken cancellationToken) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("D");

    public override string FunctionId => function.Name;

    public override TraceContext TraceContext { get; } = new StandaloneTraceContext();

    public override BindingContext BindingContext { get; } = new StandaloneBindingContext();

    public override RetryContext RetryContext => null!;

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition { get; } = new StandaloneFunctionDefinition(function);

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("The standalone host has no invocation features.");

    public override CancellationToken CancellationToken => cancellationToken;

    private sealed class StandaloneTraceContext : TraceContext
    {
        public override string TraceParent => System.Diagnostics.Activity.Current?.Id ?? string.Empty;

        public override string TraceState => System.Diagnostics.Activity.Current?.TraceStateString ?? string.Empty;
    }

    private sealed class StandaloneBindingContext : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?>();
    }

    private sealed class StandaloneFunctionDefinition(FunctionEntry function) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters { get; } =
            [.. function.Method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType))];

        public override string PathToAssembly => function.Type.Assembly.Location;

        public override string EntryPoint => $"{function.Type.FullName}.{function.Method.Name}";

        public override string Id => function.Name;

        public override string Name => function.Name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
