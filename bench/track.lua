-- wrk: the track page (receipt number and secret from the environment).
local body = "number=" .. os.getenv("BENCH_NUMBER") .. "&secret=" .. os.getenv("BENCH_SECRET")
request = function()
  return wrk.format("POST", "/en/track", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Sec-Fetch-Site"] = "same-origin",
  }, body)
end
