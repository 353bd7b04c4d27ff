using System.Net;
using Survey.Data;

namespace Survey.Web.Infrastructure;

/// <summary>
/// Limits failed researcher sign-ins: at most <see cref="MaxFailuresPerUser"/> per user name (case-insensitive) and, more
/// loosely, <see cref="MaxFailuresPerAddress"/> per client address within <see cref="Window"/>; past that, attempts are
/// refused without checking the password until the oldest failure leaves the window.
/// </summary>
/// <remarks>
/// In memory only: client addresses are never written to the database or the logs, and only the researcher login uses
/// this (respondents are never throttled or tracked). Each key keeps at most its limit of failure times, and keys whose
/// failures all left the window are pruned, with the oldest dropped first past <see cref="MaxKeys"/>.
/// An attempt counts as a failure from the moment it is let through until <see cref="Succeeded"/>, so parallel guesses
/// cannot all pass the check before the first of them fails.
/// </remarks>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailuresPerUser = 5;

    public const int MaxFailuresPerAddress = 20;

    /// <summary>User names and addresses remembered at most, each.</summary>
    public const int MaxKeys = 10_000;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly Lock _lock = new();
    private readonly Failures<string> _users = new(MaxFailuresPerUser, StringComparer.OrdinalIgnoreCase);
    private readonly Failures<IPAddress> _addresses = new(MaxFailuresPerAddress, EqualityComparer<IPAddress>.Default);

    /// <summary>
    /// Whether an attempt for <paramref name="userName"/> from <paramref name="address"/> may check its password; if not,
    /// <paramref name="retryAfter"/> says how long until it may. A permitted attempt counts as failed until
    /// <see cref="Succeeded"/> is called.
    /// </summary>
    public bool TryBegin(string userName, IPAddress? address, out TimeSpan retryAfter) => TryBegin(userName, address, out retryAfter, out _);

    /// <summary>As above; <paramref name="byAddress"/> says the address's limit was reached (whatever the name's state).</summary>
    public bool TryBegin(string userName, IPAddress? address, out TimeSpan retryAfter, out bool byAddress)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var user = Key(userName);
        var ip = Normalize(address);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var addressWait = ip is null ? null : _addresses.RetryAfter(ip, now);
            byAddress = addressWait is not null;
            var wait = Max(user.Length > 0 ? _users.RetryAfter(user, now) : null, addressWait);
            if (wait is { } refused)
            {
                retryAfter = refused;
                return false;
            }
            if (user.Length > 0)
            {
                _users.Add(user, now);
            }
            if (ip is not null)
            {
                _addresses.Add(ip, now);
            }
        }
        retryAfter = TimeSpan.Zero;
        return true;
    }

    /// <summary>The password was right: the user name starts afresh, and the attempt no longer counts against the address.</summary>
    public void Succeeded(string userName, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var ip = Normalize(address);
        lock (_lock)
        {
            _users.Clear(Key(userName));
            if (ip is not null)
            {
                _addresses.RemoveLatest(ip);
            }
        }
    }

    // As the accounts compare names; no account has a longer name, and a long one must not take more memory.
    private static string Key(string userName)
    {
        var name = userName.Trim();
        return name.Length > ResearcherAccounts.MaxUserNameLength ? name[..ResearcherAccounts.MaxUserNameLength] : name;
    }

    // ::ffff:a.b.c.d and a.b.c.d are the same client.
    private static IPAddress? Normalize(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>Failure times per key, oldest first, at most <c>limit</c> each; not thread-safe (the throttle locks).</summary>
    private sealed class Failures<TKey>(int limit, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        private readonly Dictionary<TKey, List<DateTimeOffset>> _times = new(comparer);

        public TimeSpan? RetryAfter(TKey key, DateTimeOffset now)
        {
            if (!_times.TryGetValue(key, out var times))
            {
                return null;
            }
            times.RemoveAll(t => t <= now - Window);
            if (times.Count == 0)
            {
                _times.Remove(key);
                return null;
            }
            return times.Count >= limit ? times[0] + Window - now : null;
        }

        public void Add(TKey key, DateTimeOffset now)
        {
            if (!_times.TryGetValue(key, out var times))
            {
                MakeRoom(now);
                _times[key] = times = new List<DateTimeOffset>(limit);
            }
            if (times.Count == limit)
            {
                times.RemoveAt(0);
            }
            times.Add(now);
        }

        public void Clear(TKey key) => _times.Remove(key);

        public void RemoveLatest(TKey key)
        {
            if (_times.TryGetValue(key, out var times) && times.Count > 0)
            {
                times.RemoveAt(times.Count - 1);
                if (times.Count == 0)
                {
                    _times.Remove(key);
                }
            }
        }

        private void MakeRoom(DateTimeOffset now)
        {
            if (_times.Count < MaxKeys)
            {
                return;
            }
            foreach (var key in _times.Where(e => e.Value[^1] <= now - Window).Select(e => e.Key).ToList())
            {
                _times.Remove(key);
            }
            if (_times.Count >= MaxKeys)
            {
                // Still full within the window (an attack on many names at once): forget the longest quiet key.
                _times.Remove(_times.MinBy(e => e.Value[^1]).Key);
            }
        }
    }
}
