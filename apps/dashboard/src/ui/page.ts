export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>PokerVOD</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #222; }
  table { border-collapse: collapse; } td, th { padding: .25rem .75rem; border-bottom: 1px solid #ddd; text-align: left; }
  .completed { color: #17803d; } .failed, .partial { color: #b42318; }
</style>
</head>
<body>
<h1>PokerVOD</h1>
<p>Finished full syncs (from the API):</p>
<table><thead><tr><th>run</th><th>status</th><th>completed</th></tr></thead><tbody id="runs"><tr><td colspan="3">loading…</td></tr></tbody></table>
<p id="error"></p>
<script>
fetch('/api/sync-history').then(r => r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))).then(rows => {
  const body = document.getElementById('runs');
  body.innerHTML = rows.length ? '' : '<tr><td colspan="3">no sync yet</td></tr>';
  for (const row of rows) {
    const tr = document.createElement('tr');
    for (const [text, cls] of [[row.run_id, ''], [row.status, row.status], [new Date(row.completed_at).toLocaleString(), '']]) {
      const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td);
    }
    body.appendChild(tr);
  }
}).catch(e => { document.getElementById('error').textContent = 'Could not load: ' + e.message; });
</script>
</body>
</html>
`;
