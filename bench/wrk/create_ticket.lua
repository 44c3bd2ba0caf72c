-- wrk script for bench/api_create.py: POST /api/v1/tickets with a unique Idempotency-Key and
-- body per request. The API key and a run prefix come from the environment.
local key = os.getenv("BENCH_API_KEY")
local run = os.getenv("BENCH_RUN") or "r"
local threads = {}
local counter = 0

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

function request()
   counter = counter + 1
   local body = string.format(
      '{"customer":{"app_user_id":"bench-%d","language":"%s"},"subject":"USDT 没到账",' ..
      '"body":"转了 %d USDT 到交易所，两个小时还没到账","intent":"transfer_not_received",' ..
      '"chain":"tron"}', counter % 500, counter % 2 == 0 and "en" or "zh-hans", counter)
   return wrk.format("POST", "/api/v1/tickets", {
      ["Authorization"] = "Bearer " .. key,
      ["Idempotency-Key"] = string.format("%s-%d-%d", run, tid, counter),
      ["Content-Type"] = "application/json",
   }, body)
end

done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "summary.lua")
