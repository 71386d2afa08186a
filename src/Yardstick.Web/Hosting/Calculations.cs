using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Yardstick.App;
using Yardstick.App.Access;
using Yardstick.App.Calculation;
using Yardstick.App.Hosting;
using Yardstick.Core.Common;
using Yardstick.Data;
using Yardstick.Web.Localization;

namespace Yardstick.Web.Hosting;

/// <summary>
/// A calculation started from the web (review.md R11's <c>POST …/calc</c>, the period page's button): its progress while it
/// runs and, when done, the run's summary or the problems that stopped it.
/// </summary>
public sealed record CalcStatus(
    string Id,
    string Period,
    string State,
    string Stage,
    long Done,
    long Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Run,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Scorecards,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Incomplete,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Problems)
{
    public const string Running = "running";
    public const string Succeeded = "done";
    public const string Failed = "failed";
}

/// <summary>
/// Runs App's <see cref="RunCalculation"/> in the background for the web, one job per start, each in a DI scope of its own
/// acting for the user who started it. The start waits until the calculation has passed its checks (who may, the period's
/// state, one calculation at a time): a refusal is answered at once, as any other; after that it answers the job, whose
/// progress and outcome <see cref="StatusAsync"/> reports. Jobs are kept for an hour after they end. The rules are App's;
/// this class only keeps the job.
/// </summary>
public sealed class Calculations(IServiceScopeFactory scopes, TimeProvider time, ILogger<Calculations> log)
{
    private static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);

    /// <summary>Starts a calculation of <paramref name="period"/> for <paramref name="user"/>; its checks' problems when they refuse it.</summary>
    public async Task<Result<CalcStatus>> StartAsync(CurrentUser user, string period, CancellationToken ct = default)
    {
        Prune();
        var job = new Job(Guid.NewGuid().ToString("N"), user.OrganisationId, period);
        var passed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        job.Task = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<YardstickSession>().User = user;
                var progress = new Inline(p =>
                {
                    job.Progress = p;
                    passed.TrySetResult();
                });
                job.Result = await scope.ServiceProvider.GetRequiredService<RunCalculation>().RunAsync(period, progress, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // a bug, not a refusal: the job says the calculation failed; the details go to the log, not to the user
                log.LogError(ex, "the calculation of {Period} failed", period);
                job.Result = Result<RunSummary>.Fail([Problem.Conflict("period", $"{period} 的计算意外失败；未保存任何结果", $"the calculation of {period} failed unexpectedly; nothing was saved", "calc.failed", period)]);
            }
            finally
            {
                job.EndedAt = time.GetUtcNow();
                passed.TrySetResult();
            }
        }, CancellationToken.None);
        await passed.Task.WaitAsync(ct);
        if (job.Result is { IsSuccess: false } refused && job.Progress is null)
            return Result<CalcStatus>.Fail(refused.Problems);
        _jobs[job.Id] = job;
        return Status(job, Languages.Current);
    }

    /// <summary>A job of the user's organisation, for whoever may calculate there; NotFound otherwise (R2: what one may not see does not exist).</summary>
    public async Task<Result<CalcStatus>> StatusAsync(CurrentUser user, string id, Language language, CancellationToken ct = default)
    {
        if (_jobs.TryGetValue(id, out var job) && job.OrganisationId == user.OrganisationId)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<YardstickSession>().User = user;
            var access = new UserAccess(scope.ServiceProvider.GetRequiredService<YardstickDb>(), user);
            if (await access.CheckAsync(AccessAction.Administer, ct: ct) is null)
                return Status(job, language);
        }

        return Problem.NotFound("run", $"计算 '{id}' 不存在，或您无权查看", $"calculation '{id}' not found, or not visible to you", "run.not_found", id);
    }

    /// <summary>Waits for a job to end (tests, and the page after its last poll).</summary>
    internal Task? Running(string id) => _jobs.TryGetValue(id, out var job) ? job.Task : null;

    private static CalcStatus Status(Job job, Language language)
    {
        var (stage, done, total) = job.Progress ?? new WorkProgress("start", 0, 0);
        return job.Result switch
        {
            null => new CalcStatus(job.Id, job.Period, CalcStatus.Running, stage, done, total, null, null, null, null),
            { IsSuccess: true } ok => new CalcStatus(job.Id, job.Period, CalcStatus.Succeeded, stage, done, total, ok.Value.Run.Number, ok.Value.Scorecards, ok.Value.Incomplete, null),
            var failed => new CalcStatus(job.Id, job.Period, CalcStatus.Failed, stage, done, total, null, null, null, [.. failed.Problems.Select(p => p.Format(language))]),
        };
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, job) in _jobs)
            if (job.EndedAt is { } ended && now - ended > Kept)
                _jobs.TryRemove(id, out _);
    }

    private sealed class Job(string id, int organisationId, string period)
    {
        public string Id { get; } = id;
        public int OrganisationId { get; } = organisationId;
        public string Period { get; } = period;
        public Task? Task { get; set; }
        public Result<RunSummary>? Result { get; set; }
        public WorkProgress? Progress { get; set; }
        public DateTimeOffset? EndedAt { get; set; }
    }

    private sealed class Inline(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
