-- wrk script for bench/inbox_telegram.py --client wrk: each thread posts its share of the
-- update bodies written by the benchmark (one JSON per line) for the run's duration; past the
-- end of its share it repeats the last body (acknowledged, stored once: same update_id).
local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

function init(args)
   local count = tonumber(os.getenv("BENCH_THREADS"))
   bodies, sent, i = {}, 0, 0
   for line in io.lines(os.getenv("BENCH_BODIES")) do
      if i % count == tid then table.insert(bodies, line) end
      i = i + 1
   end
   headers = {
      ["Content-Type"] = "application/json",
      ["X-Telegram-Bot-Api-Secret-Token"] = os.getenv("BENCH_SECRET"),
   }
end

function request()
   sent = sent + 1
   return wrk.format("POST", "/inbox/telegram/bench/", headers, bodies[math.min(sent, #bodies)])
end

done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "summary.lua")
