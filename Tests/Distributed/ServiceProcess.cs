using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PosterGen.Tests.Distributed;

/// <summary>
/// PosterGen as a separate OS process (the built Api assembly) in the roles given, so tests can
/// run an api, a saga and renderers side by side and kill -9 any of them.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServiceProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        this.process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public bool HasExited => process.HasExited;
    public string Log { get { lock (log) return log.ToString(); } }

    public static async Task<ServiceProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan? readyWithin = null)
    {
        var service = Launch(name, settings);
        await service.WaitReadyAsync(readyWithin ?? TimeSpan.FromSeconds(90));
        return service;
    }

    /// <summary>Starts the process without waiting for it to be ready, for a test that watches how it starts.</summary>
    public static ServiceProcess Launch(string name, IReadOnlyDictionary<string, string> settings) => Launch(name, settings, []);

    /// <summary>Runs a command of the service (e.g. <c>migrate</c>) and waits for it to succeed.</summary>
    public static async Task RunAsync(string command, IReadOnlyDictionary<string, string> settings, TimeSpan within)
    {
        await using var service = Launch(command, settings, [command]);
        using var timeout = new CancellationTokenSource(within);
        await service.process.WaitForExitAsync(timeout.Token);
        if (service.process.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' exited with {service.process.ExitCode}:\n{service.Log}");
    }

    private static ServiceProcess Launch(string name, IReadOnlyDictionary<string, string> settings, string[] arguments)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PosterGen.Api.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;

        var service = new ServiceProcess(name, Process.Start(start)!, baseAddress);
        service.process.OutputDataReceived += (_, e) => service.Append(e.Data);
        service.process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        service.process.BeginOutputReadLine();
        service.process.BeginErrorReadLine();
        return service;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no goodbye to the brokers.</summary>
    public void KillHard()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first so the host drains and commits, as an orchestrator would.
            Process.Start("kill", ["-TERM", process.Id.ToString()])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { KillHard(); }
        }
        process.Dispose();
    }

    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} was not ready within {within}:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (log)
        {
            // The tail is what explains a failure; a long run must not hold its whole output.
            if (log.Length > 400_000) log.Remove(0, 200_000);
            log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
