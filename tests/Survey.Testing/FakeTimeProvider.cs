namespace Survey.Testing;

/// <summary>A clock the test sets and advances (NodaTime's FakeClock idea, on the BCL <see cref="TimeProvider"/>).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;
}
