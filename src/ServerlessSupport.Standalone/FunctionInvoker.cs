using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Standalone;

/// <summary>
/// Runs one invocation of a function the way the worker does: a new instance of its class from the invocation's services
/// (constructor injection), its parameters bound by type and name, its result awaited. What the trigger brings is in
/// <see cref="TriggerInput"/>.
/// </summary>
internal static class FunctionInvoker
{
    // Building an instance by reflection each time costs more than the invocation; the factory is made once per class.
    private static readonly ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    public static async Task<object?> InvokeAsync(FunctionEntry function, IServiceProvider services, TriggerInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(input);
        var instance = function.Method.IsStatic ? null : Factories.GetOrAdd(function.Type, t => ActivatorUtilities.CreateFactory(t, []))(services, null);
        try
        {
            var arguments = function.Method.GetParameters().Select(p => Bind(function, p, services, input, cancellationToken)).ToArray();
            object? returned;
            try
            {
                returned = function.Method.Invoke(instance, arguments);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }

            return await UnwrapAsync(returned);
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>Writes an HTTP function's result: an <see cref="IActionResult"/> as the worker's ASP.NET Core integration does.</summary>
    public static async Task WriteHttpResultAsync(HttpContext context, object? result)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            case null:
                break;
            default:
                throw new InvalidOperationException($"An HTTP function returned {result.GetType().Name}; the standalone host writes IActionResult.");
        }
    }

    private static object? Bind(FunctionEntry function, ParameterInfo parameter, IServiceProvider services, TriggerInput input, CancellationToken cancellationToken)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (type == typeof(FunctionContext))
        {
            return new StandaloneFunctionContext(function, services, cancellationToken);
        }

        switch (input)
        {
            case TriggerInput.Http http when type == typeof(HttpRequest):
                return http.Context.Request;
            case TriggerInput.Http http when type == typeof(HttpContext):
                return http.Context;
            case TriggerInput.Http http when parameter.Name is { } name && http.Context.Request.RouteValues.TryGetValue(name, out var value):
                return Convert(value, type, function, name);
            case TriggerInput.Http when !type.IsValueType || Nullable.GetUnderlyingType(type) is not null:
                // An optional route value that is absent, e.g. the catch-all of /api/dashboard/.
                return null;
            case TriggerInput.Queue queue when type == typeof(QueueMessage):
                return queue.Message;
            case TriggerInput.Queue queue when type == typeof(string):
                return queue.Message.Body.ToString();
            case TriggerInput.Queue queue when type == typeof(BinaryData):
                return queue.Message.Body;
            case TriggerInput.Timer timer when type == typeof(TimerInfo):
                return timer.Info;
            default:
                throw new InvalidOperationException($"Function {function.Name}: the standalone host cannot bind parameter '{parameter.Name}' of type {type.Name}.");
        }
    }

    private static object? Convert(object? value, Type type, FunctionEntry function, string name)
    {
        if (value is null || type.IsInstanceOfType(value))
        {
            return value;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            return System.Convert.ChangeType(value.ToString(), target, CultureInfo.InvariantCulture);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"Function {function.Name}: route value '{name}' is not a {target.Name}.", ex);
        }
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;

                // The runtime type of an async method's task is a subclass of Task<T> (the state machine box).
                for (var type = task.GetType(); type is not null && type != typeof(Task); type = type.BaseType)
                {
                    if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
                    {
                        return type.GetProperty(nameof(Task<object>.Result))!.GetValue(task);
                    }
                }

                return null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }
}

/// <summary>What started an invocation.</summary>
internal abstract record TriggerInput
{
    private TriggerInput()
    {
    }

    public sealed record Http(HttpContext Context) : TriggerInput;

    public sealed record Queue(QueueMessage Message) : TriggerInput;

    public sealed record Timer(TimerInfo Info) : TriggerInput;
}
