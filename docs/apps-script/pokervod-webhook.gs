/**
 * PokerVOD hand-log webhook (Google Apps Script, bound to the hand-log sheet).
 *
 * Tells PokerVOD's sheets-sync "this sheet changed" right after an edit, so
 * the change reaches the catalog in seconds instead of at the next poll.
 * The call is only a signal: sheets-sync always reads the sheet itself and
 * diffs it. If a call is lost, polling (SHEETS_POLL_SECONDS) still catches
 * the edit.
 *
 * Setup (once per spreadsheet; see docs/sheets-sync.md):
 *   1. In the sheet: Extensions → Apps Script, paste this file, save.
 *   2. Project Settings → Script Properties:
 *        POKERVOD_WEBHOOK_URL     https://<sheets-sync host>/webhooks/sheets
 *        POKERVOD_WEBHOOK_SECRET  the value of SHEETS_WEBHOOK_SECRET
 *      (the secret lives in Script Properties, never in this code).
 *   3. Select installTriggers and Run; accept the authorization prompt
 *      (UrlFetchApp needs it, which is why simple onEdit() cannot be used).
 *   4. Edit a cell; the Executions page shows onEditNotify with status 202.
 */

/** Edits within this many seconds share one call; the server re-checks a few seconds after each sync. */
var POKERVOD_DEBOUNCE_SECONDS = 2;

/** Creates the installable triggers (run once; running again replaces them). */
function installTriggers() {
  var spreadsheet = SpreadsheetApp.getActive();
  ScriptApp.getProjectTriggers().forEach(function (trigger) {
    var handler = trigger.getHandlerFunction();
    if (handler === 'onEditNotify' || handler === 'onChangeNotify') ScriptApp.deleteTrigger(trigger);
  });
  ScriptApp.newTrigger('onEditNotify').forSpreadsheet(spreadsheet).onEdit().create();
  ScriptApp.newTrigger('onChangeNotify').forSpreadsheet(spreadsheet).onChange().create();
}

/** Cell edits (typing, paste). */
function onEditNotify(e) {
  notifyPokerVod_('edit');
}

/** Structural changes: rows inserted or removed, tabs added, renamed or removed, sorting. */
function onChangeNotify(e) {
  if (e && e.changeType === 'EDIT') return; // onEditNotify has it
  notifyPokerVod_(e && e.changeType ? String(e.changeType).toLowerCase() : 'change');
}

function notifyPokerVod_(reason) {
  var properties = PropertiesService.getScriptProperties();
  var url = properties.getProperty('POKERVOD_WEBHOOK_URL');
  var secret = properties.getProperty('POKERVOD_WEBHOOK_SECRET');
  if (!url || !secret) {
    console.warn('PokerVOD webhook: set POKERVOD_WEBHOOK_URL and POKERVOD_WEBHOOK_SECRET in Script Properties');
    return;
  }
  // Debounce: a burst of edits (a paste, a sort) becomes one call.
  var cache = CacheService.getScriptCache();
  if (cache.get('pokervod-notified')) return;
  cache.put('pokervod-notified', '1', POKERVOD_DEBOUNCE_SECONDS);

  var response;
  try {
    response = UrlFetchApp.fetch(url, {
      method: 'post',
      contentType: 'application/json',
      headers: { 'X-PokerVOD-Webhook-Secret': secret },
      payload: JSON.stringify({ spreadsheet_id: SpreadsheetApp.getActive().getId(), reason: reason }),
      muteHttpExceptions: true,
      followRedirects: false,
    });
  } catch (error) {
    // Unreachable server: polling will pick the edit up.
    console.warn('PokerVOD webhook: ' + error);
    return;
  }
  var code = response.getResponseCode();
  if (code !== 202) {
    console.warn('PokerVOD webhook answered ' + code + ': ' + response.getContentText().slice(0, 300));
  }
}
