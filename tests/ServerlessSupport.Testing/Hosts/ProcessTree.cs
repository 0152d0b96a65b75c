using System.Globalization;

namespace ServerlessSupport.Testing.Hosts;

/// <summary>
/// A process and its descendants read from /proc (Linux): the real host runs the worker as a child process, so what the
/// app costs is the whole tree.
/// </summary>
public static class ProcessTree
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux the runtime supports.

    /// <summary>The pids of <paramref name="root"/> and every process below it that is still running.</summary>
    public static IReadOnlyList<int> Members(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = int.Parse(stat[1], CultureInfo.InvariantCulture);
            }
        }

        var members = new List<int> { root };
        for (var i = 0; i < members.Count; i++)
        {
            members.AddRange(parents.Where(p => p.Value == members[i]).Select(p => p.Key));
        }

        return members;
    }

    /// <summary>User plus system CPU time of the tree's living processes.</summary>
    public static TimeSpan CpuTime(int root) => TimeSpan.FromTicks(CpuTimes(root).Sum(p => p.Cpu.Ticks));

    /// <summary>Each living process of the tree: its pid, what it runs (the DLL for <c>dotnet x.dll</c>) and its CPU time.</summary>
    public static IReadOnlyList<(int Pid, string Command, TimeSpan Cpu)> CpuTimes(int root) =>
        [.. Members(root).Select(pid => (pid, Stat(pid))).Where(p => p.Item2 is not null)
            .Select(p => (p.pid, Command(p.pid), TimeSpan.FromSeconds((double.Parse(p.Item2![11], CultureInfo.InvariantCulture) + double.Parse(p.Item2[12], CultureInfo.InvariantCulture)) / TicksPerSecond)))];

    /// <summary>
    /// CPU time of the tree's threads named <paramref name="threadName"/> (as /proc shows it, at most 15 characters):
    /// e.g. ".NET Tiered Com", the runtime's background JIT, busy while a process is still warming up.
    /// </summary>
    public static TimeSpan ThreadCpuTime(int root, string threadName)
    {
        var ticks = 0.0;
        foreach (var pid in Members(root))
        {
            IEnumerable<string> threads;
            try
            {
                threads = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var thread in threads)
            {
                try
                {
                    var text = File.ReadAllText(Path.Combine(thread, "stat"));
                    var name = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
                    if (name == threadName)
                    {
                        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                        ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
                    }
                }
                catch (IOException)
                {
                    // The thread ended.
                }
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Resident memory of the tree in MiB.</summary>
    public static double RssMiB(int root) => Members(root).Sum(RssKiB) / 1024.0;

    private static string Command(int pid)
    {
        try
        {
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return args.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal)) is { } dll ? Path.GetFileNameWithoutExtension(dll) : Path.GetFileName(args.FirstOrDefault() ?? "?");
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static double RssKiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    // The fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] state, [1] ppid, … [11] utime, [12] stime.
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
