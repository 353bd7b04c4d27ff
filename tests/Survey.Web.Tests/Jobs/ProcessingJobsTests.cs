using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Survey.Web.Jobs;

namespace Survey.Web.Tests.Jobs;

/// <summary>
/// A job the previous process was running when it died: Hangfire.Storage.SQLite would hand it out again only after its
/// invisibility timeout (30 minutes); the start-up step queues it again at once.
/// </summary>
public sealed class ProcessingJobsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_JobLeftProcessingByDeadProcess_IsQueuedAgainAndRuns()
    {
        await using var app = new SurveyAppFactory();
        Directory.CreateDirectory(Path.GetDirectoryName(app.JobsPath)!);
        string jobId;
        using (var storage = new SQLiteStorage(app.JobsPath, new SQLiteStorageOptions()))
        {
            var job = Job.FromExpression<HousekeepingJob>(j => j.RunAsync(CancellationToken.None));
            using var connection = storage.GetConnection();
            jobId = connection.CreateExpiredJob(job, new Dictionary<string, string>(), DateTime.UtcNow, TimeSpan.FromDays(1));
            using var transaction = connection.CreateWriteTransaction();
            transaction.SetJobState(jobId, new LeftProcessing());
            transaction.Commit();
        }

        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var succeeded = await WaitForAsync(() => monitoring.JobDetails(jobId) is { } d && d.History.Any(s => s.StateName == SucceededState.StateName) ? d : null);

        Assert.Contains(succeeded.History, s => s.StateName == EnqueuedState.StateName && s.Reason == "the platform restarted while it ran");
    }

    // Polls until the background job got there; the bound only stops a broken test from hanging, it asserts no timing.
    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    /// <summary>The state a worker of a process that no longer exists left the job in (ProcessingState's constructor is internal).</summary>
    private sealed class LeftProcessing : IState
    {
        public string Name => ProcessingState.StateName;

        public string Reason => "a worker of the previous process took it";

        public bool IsFinal => false;

        public bool IgnoreJobLoadException => false;

        public Dictionary<string, string> SerializeData() => new() { ["ServerId"] = "dead-server", ["WorkerId"] = "1", ["StartedAt"] = JobHelper.SerializeDateTime(DateTime.UtcNow) };
    }
}
