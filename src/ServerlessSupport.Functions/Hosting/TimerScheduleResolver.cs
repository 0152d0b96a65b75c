using ServerlessSupport.Functions.Settings;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>Resolves a timer's <c>%Setting%</c> schedule from configuration the way the Functions host does.</summary>
internal static class TimerScheduleResolver
{
    public static CronSchedule Resolve(TimerFunctionTrigger trigger, IConfiguration configuration)
    {
        var expression = trigger.Schedule;
        if (trigger.SettingName is { } setting)
        {
            // Environment variables arrive as Section:Key; other sources may keep the flat Section__Key name.
            var configured = configuration[AppSetting.ToConfigurationKey(setting)] ?? configuration[setting];
            expression = string.IsNullOrWhiteSpace(configured) ? trigger.DefaultSchedule : configured;
        }

        return CronSchedule.Parse(expression);
    }
}
