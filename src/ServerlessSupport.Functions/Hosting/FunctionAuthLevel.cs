namespace ServerlessSupport.Functions.Hosting;

/// <summary>The HTTP trigger's <c>authLevel</c>: under Azure the host checks function keys before proxying.</summary>
internal enum FunctionAuthLevel
{
    Anonymous,
    Function,
}
