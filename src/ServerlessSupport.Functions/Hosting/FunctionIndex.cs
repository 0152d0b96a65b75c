using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// The app's functions as their own attributes declare them (<see cref="FunctionAttribute"/> on a method, a trigger
/// attribute on one parameter): what the Functions host indexes from functions.metadata, read here by reflection for the
/// standalone host and the OpenAPI document. Nothing about a function is declared twice.
/// </summary>
public static class FunctionIndex
{
    /// <summary>Every function of this app.</summary>
    public static IReadOnlyList<FunctionEntry> All { get; } = Scan(typeof(FunctionIndex).Assembly);

    /// <summary>The functions declared in <paramref name="assembly"/> (tests declare their own).</summary>
    public static IReadOnlyList<FunctionEntry> Scan(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var entries = new List<FunctionEntry>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var triggers = method.GetParameters()
                    .Select(p => (Parameter: p, Trigger: p.GetCustomAttributes().FirstOrDefault(a => a is HttpTriggerAttribute or QueueTriggerAttribute or TimerTriggerAttribute)))
                    .Where(t => t.Trigger is not null)
                    .ToList();
                if (triggers.Count != 1)
                {
                    throw new InvalidOperationException($"Function {function.Name} ({type.Name}.{method.Name}) needs exactly one HTTP, queue or timer trigger parameter.");
                }

                entries.Add(new FunctionEntry(function.Name, type, method, triggers[0].Parameter, triggers[0].Trigger!));
            }
        }

        var duplicate = entries.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)]
            : throw new InvalidOperationException($"The function name '{duplicate.Key}' is used twice.");
    }
}

/// <summary>One function: its name, the class and method that run it, and its trigger.</summary>
public sealed record FunctionEntry(string Name, Type Type, MethodInfo Method, ParameterInfo TriggerParameter, Attribute Trigger)
{
    public HttpTriggerAttribute? Http => Trigger as HttpTriggerAttribute;

    public QueueTriggerAttribute? Queue => Trigger as QueueTriggerAttribute;

    public TimerTriggerAttribute? Timer => Trigger as TimerTriggerAttribute;

    /// <summary>The route under <c>/api</c> (the function's name when the trigger sets none, as the host does).</summary>
    public string? HttpRoute => Http is null ? null : "/api/" + (Http.Route ?? Name);
}
