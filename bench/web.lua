-- web.lua - the wrk script of bench/web.sh: requests at a fixed rate, rotating over a list of
-- paths, and the latency percentiles at the end.
--
-- Debian's wrk (4.1) has no -R rate flag (that is wrk2, not packaged), so each wrk thread paces
-- itself: delay(), which wrk calls before every request of every connection, hands out send
-- times on a fixed grid (one every THREADS/RATE seconds per thread, read from a monotonic clock
-- through LuaJIT's FFI), so the threads together send RATE requests a second whatever the
-- server's latency, as long as a connection is free. Latency is wrk's own: from sending a
-- request to its whole response (a request that waited for a free connection is not charged
-- for the wait: no correction for coordinated omission, unlike wrk2).
--
-- Env: WRK_PATHS (a file, one path a line), WRK_RATE (requests a second, all threads),
-- WRK_THREADS (wrk's -t), WRK_LABEL (printed with the result).
local ffi = require("ffi")
ffi.cdef [[
struct onroll_timespec { long tv_sec; long tv_nsec; };
int clock_gettime(int clk_id, struct onroll_timespec *tp);
]]
local ts = ffi.new("struct onroll_timespec")
local function now_ms()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local nthreads = 0
function setup(thread)
    thread:set("id", nthreads)
    nthreads = nthreads + 1
end

function init(args)
    paths = {}
    for line in io.lines(os.getenv("WRK_PATHS")) do
        if line ~= "" then paths[#paths + 1] = line end
    end
    local threads = tonumber(os.getenv("WRK_THREADS") or "1")
    interval = 1000 * threads / tonumber(os.getenv("WRK_RATE") or "1000")
    -- each thread starts at its own place in the list
    i = math.floor(#paths * id / threads)
    next_at = nil
end

function request()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end

function delay()
    local t = now_ms()
    next_at = (next_at or t) + interval
    if next_at < t - 1000 then next_at = t end -- more than a second behind: stop catching up
    local d = next_at - t
    return d > 0 and d or 0
end

function done(summary, latency, requests)
    local e = summary.errors
    local secs = summary.duration / 1e6
    io.write(string.format(
        "RESULT %s requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f " ..
        "max_ms=%.2f non2xx=%d errors=%d\n",
        os.getenv("WRK_LABEL") or "-", summary.requests, secs, summary.requests / secs,
        latency:percentile(50) / 1000, latency:percentile(95) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000, e.status,
        e.connect + e.read + e.write + e.timeout))
end
