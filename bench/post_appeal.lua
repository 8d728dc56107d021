-- wrk: durable appeal submissions through the API (each a committed
-- transaction with its events, log leaves and outbox row).
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{"kind":"complaint","territory":"433200000","subject":"Жол жөндеу %d","text":"Ауылдағы жол жөнделмеген.","language":"kk","anonymous":true}',
    n)
  return wrk.format("POST", "/api/v1/appeals", { ["Content-Type"] = "application/json" }, body)
end

local bad = 0
response = function(status)
  if status ~= 201 then bad = bad + 1 end
end

done = function()
  io.stderr:write(string.format("non-201 answers: %d\n", bad))
end
