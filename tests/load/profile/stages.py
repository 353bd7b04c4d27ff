#!/usr/bin/env python3
"""Splits the CPU samples of a `perf record -g` of the platform (README, "Where the CPU of a request goes") into stages.

usage: perf script -i perf.data | python3 tests/load/profile/stages.py
Each sample is put in the stage of the innermost frame that names one (first match from the leaf up); samples without
such a frame are split by where they were running (kernel, SQLite, runtime, ...). Needs DOTNET_PerfMapEnabled=1 and
DOTNET_EnableWriteXorExecute=0 in the profiled process, so that perf can name JIT-compiled methods.
"""
import re
import sys
from collections import Counter

# (stage, pattern on a frame), innermost match wins.
STAGES = [
    ("antiforgery (token check and new token: Data Protection)", r"Antiforgery|DataProtection"),
    ("page model binding and form reading", r"ModelBinding|ParameterBinder|PageBinderFactory|FormFeature|FormReader|FormPipeReader|CompositeValueProvider"),
    ("answer validation (question types)", r"Survey\.Definitions\.QuestionTypes|Handler::ReadPage|AnswerSet|SurveyFlow"),
    ("draft JSON (read and write)", r"DraftAnswers|System\.Text\.Json"),
    ("group commit sync", r"GroupCommit"),
    ("EF Core SaveChanges (change tracking, SQL, commit)", r"SaveChanges|StateManager|CommandBatch|ModificationCommand"),
    ("EF Core queries", r"RelationalCommand|QueryingEnumerable|DraftQueries|ShapedQuery|CompiledQuery|EntityFrameworkQueryableExtensions|SqlQuery"),
    ("EF Core context and connection (pool, open, close, pragmas)", r"DbContextPool|DbContextLease|RelationalConnection|SqliteConnection::|SqlitePragma|DbContext::|ResetState"),
    ("Razor rendering (pages, partials, tag helpers, HTML encoding)", r"Microsoft\.AspNetCore\.Mvc\.Razor|Microsoft\.AspNetCore\.Razor|TagHelper|ViewBuffer|HtmlEncoder|TextEncoder|RazorPage|ViewFeatures"),
    ("page handler (other)", r"Survey\.Web\.Pages"),
    ("MVC page selection and filters", r"Microsoft\.AspNetCore\.Mvc"),
    ("routing", r"Microsoft\.AspNetCore\.Routing"),
    ("rate limiter", r"RateLimit"),
    ("localisation", r"Localization|Survey\.Web\.Infrastructure\.Localization|YamlStringLocalizer"),
    ("authentication (no cookie for residents)", r"Authentication|Authorization"),
    ("security headers and other middleware", r"Survey\.Web\.Infrastructure|StaticFile|HostFiltering|ForwardedHeaders"),
    ("Kestrel HTTP parsing and response writing", r"Kestrel\.Core|System\.IO\.Pipelines|Http1"),
    ("sockets (Kestrel transport)", r"Kestrel\.Transport|System\.Net\.Sockets|SocketAsyncEngine"),
    ("background jobs (Hangfire, outbox sweep)", r"Hangfire|Survey\.Web\.Mail|Survey\.Web\.Jobs"),
    ("thread pool (dispatch, waiting, spinning)", r"PortableThreadPool|ThreadPoolWorkQueue::Dispatch|LowLevelLifoSemaphore|WorkerThread"),
]
COMPILED = [(name, re.compile(p)) for name, p in STAGES]
ARGUMENTS = re.compile(r"\(.*")


def classify(frames):
    for frame in frames:  # leaf first
        frame = ARGUMENTS.sub("", frame)  # the method's name, not the types of its arguments
        for name, pattern in COMPILED:
            if pattern.search(frame):
                return name
    leaf = frames[0] if frames else ""
    if "libclrjit" in leaf:
        return "JIT compiler"
    if "libe_sqlite3" in leaf:
        return "SQLite (outside a stage)"
    if "kernel" in leaf:
        return "kernel (scheduling, other)"
    if "libcoreclr" in leaf:
        return "runtime (GC, type checks; no managed caller)"
    return "other (libc, managed without a stage)"


def samples(lines):
    frames = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if frames:
                yield frames
            frames = []
        elif line.startswith((" ", "\t")):
            parts = line.strip().split(" ", 1)
            frames.append(parts[1] if len(parts) > 1 else parts[0])
        else:
            frames = []
    if frames:
        yield frames


def main():
    counts = Counter()
    for frames in samples(sys.stdin):
        counts[classify(frames)] += 1
    total = sum(counts.values())
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else None
    for name, n in counts.most_common():
        extra = f"  {scale * n / total:.3f} ms per submit" if scale else ""
        print(f"{100 * n / total:5.1f}%  {name}{extra}")
    print(f"{total} samples")


if __name__ == "__main__":
    main()
