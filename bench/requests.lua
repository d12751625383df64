-- wrk script for bench/web.py: every request is a random line of a list file, sent as a logged-in reviewer.
--   wrk -s bench/requests.lua http://127.0.0.1:PORT -- LIST COOKIE CSRFTOKEN HX
-- A line is METHOD<tab>PATH[<tab>BODY]. A POST body gets the CSRF token in front, and "NONCE" in it becomes
-- a random number, so no two decisions read as a double click. `done` prints one line: BENCH {json},
-- with requests/s, latency percentiles (µs), non-2xx and per-status counts, bytes per response.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  lines, statuses = {}, {}
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
    table.insert(lines, { method = method, path = path, body = body })
  end
  headers = { ["Cookie"] = args[2] }
  if args[4] == "hx" then
    headers["HX-Request"] = "true"
  end
  token = args[3]
  math.randomseed(os.time() * 100 + id)
end

function request()
  local line = lines[math.random(#lines)]
  if line.method ~= "POST" then
    return wrk.format(line.method, line.path, headers)
  end
  local post = { ["Content-Type"] = "application/x-www-form-urlencoded", ["X-CSRFToken"] = token }
  for name, value in pairs(headers) do
    post[name] = value
  end
  local body = "csrfmiddlewaretoken=" .. token .. "&" .. line.body:gsub("NONCE", tostring(math.random(1e9)))
  return wrk.format("POST", line.path, post, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts, parts, non_2xx = {}, {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %.0f', status, n))
    if status < 200 or status > 299 then
      non_2xx = non_2xx + n
    end
  end
  local e, n = summary.errors, summary.requests
  io.write(string.format(
    'BENCH {"requests": %.0f, "rps": %.2f, "p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, '
      .. '"non_2xx": %.0f, "bytes_per_request": %.1f, "statuses": {%s}, '
      .. '"errors": {"connect": %.0f, "read": %.0f, "write": %.0f, "timeout": %.0f}}\n',
    n, n / (summary.duration / 1e6), latency:percentile(50), latency:percentile(95), latency:percentile(99),
    non_2xx, n > 0 and summary.bytes / n or 0, table.concat(parts, ", "),
    e.connect, e.read, e.write, e.timeout
  ))
end
