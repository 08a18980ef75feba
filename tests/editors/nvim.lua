-- Neovim's built-in LSP client attached to `healthlint server` (run by tests/external/editor_clients.rs):
-- open a Markdown buffer, wait for diagnostics, apply the first "Replace with" quick fix, wait for
-- the diagnostics to clear, and write what it saw to $HEALTHLINT_NVIM_RESULT.
local out = {}
local function say(line) table.insert(out, line) end
local function finish(code)
  local file = io.open(os.getenv("HEALTHLINT_NVIM_RESULT"), "w")
  file:write(table.concat(out, "\n") .. "\n")
  file:close()
  vim.cmd(code == 0 and "qall!" or "cquit!")
end
local ok, err = pcall(function()
  vim.cmd.edit(os.getenv("HEALTHLINT_NVIM_DOC"))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start({
    name = "healthlint",
    cmd = { os.getenv("HEALTHLINT_BIN"), "server" },
    root_dir = vim.fn.getcwd(),
  })
  assert(client_id, "the server did not start")
  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50), "no diagnostics")
  -- Neovim offers UTF-8 first; the server takes it.
  say("encoding " .. client.offset_encoding)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    say(string.format("diagnostic %d:%d-%d:%d %s severity=%d", d.lnum, d.col, d.end_lnum, d.end_col, d.code, d.severity))
  end
  local lsp_diagnostic = vim.diagnostic.get(bufnr)[1].user_data.lsp
  local response = client:request_sync("textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic } },
  }, 10000, bufnr)
  assert(response and response.result, "no code actions: " .. vim.inspect(response))
  for _, action in ipairs(response.result) do
    if action.title:match("^Replace with") then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      say("applied " .. action.title)
      break
    end
  end
  assert(vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50), "diagnostics did not clear")
  say("after the fix: " .. #vim.diagnostic.get(bufnr) .. " diagnostics")
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do say("line " .. line) end
end)
if not ok then say("error " .. tostring(err)) finish(1) else finish(0) end
