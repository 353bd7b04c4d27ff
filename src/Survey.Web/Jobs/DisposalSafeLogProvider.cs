using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Survey.Web.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static (<c>LogProvider</c>), so the last app to start in a process supplies the
/// loggers of every Hangfire object created later, also of another app (tests run several apps in one process). When
/// that app has stopped, its logger factory is disposed and creating a logger would throw: such a logger stays silent
/// instead, so stopping one app never breaks another's jobs.
/// </summary>
internal sealed class DisposalSafeLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
