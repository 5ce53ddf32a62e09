-- Run by tests/lsp_neovim.rs in a headless Neovim (0.7 or later): attaches
-- `provisio lsp` to the policy in $POLICY, then writes to $OUT, as JSON,
-- the diagnostics Neovim received, a hover, a definition and where
-- `vim.lsp.buf.definition()` moved the cursor. Any failure is written there
-- too, and Neovim always quits.

local out = os.getenv("OUT")
local result = {}

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("POLICY")))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "provisio",
    cmd = { os.getenv("PROVISIO"), "lsp" },
    root_dir = vim.fn.fnamemodify(os.getenv("POLICY"), ":h"),
  })
  assert(client_id, "the client starts")
  vim.lsp.buf_attach_client(buf, client_id)

  assert(vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20), "no diagnostics arrived")
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code or lsp.code, message = d.message,
    })
  end

  -- On `art1.on_time` in the verdict: line and column from $LINE, $COLUMN.
  local line, column = tonumber(os.getenv("LINE")), tonumber(os.getenv("COLUMN"))
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = line, character = column },
  }
  local function ask(method)
    local responses = vim.lsp.buf_request_sync(buf, method, params, 30000)
    assert(responses and responses[client_id], method .. ": no response")
    assert(not responses[client_id].err, method .. ": " .. vim.inspect(responses[client_id].err))
    return responses[client_id].result
  end
  result.hover = ask("textDocument/hover").contents.value
  local definition = ask("textDocument/definition")
  result.definition = definition.range

  vim.api.nvim_win_set_cursor(0, { line + 1, column })
  vim.lsp.buf.definition()
  assert(vim.wait(30000, function() return vim.api.nvim_win_get_cursor(0)[1] ~= line + 1 end, 20),
    "the cursor did not move")
  local cursor = vim.api.nvim_win_get_cursor(0)
  result.cursor = { cursor[1] - 1, cursor[2] }

  vim.lsp.stop_client(client_id)
  vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end

local ok, err = pcall(run)
if not ok then
  result.error = tostring(err)
end
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.cmd("qa!")
