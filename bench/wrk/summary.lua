-- The summary line the benchmarks read (bench/_common.py wrk_summary): loaded by the wrk
-- scripts beside it as their done().
return function(summary, latency, requests)
   io.write(string.format("WRK requests=%d duration_us=%d non2xx=%d errors=%d p50_us=%d p99_us=%d max_us=%d\n",
      summary.requests, summary.duration, summary.errors.status,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      latency:percentile(50), latency:percentile(99), latency.max))
end
