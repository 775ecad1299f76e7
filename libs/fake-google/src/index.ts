export { FakeGoogle, redirectTokenFetch } from './fake-google';
export { tabFromCsv } from './csv-tab';
export type {
  FakeApi,
  FakeAuthOptions,
  FakeClientOptions,
  FakeFailure,
  FakeGoogleOptions,
  FakeRequest,
} from './fake-google';
export type { CellValue, FakeTab, SpreadsheetSpec } from './spreadsheet';
export { GOOGLE_TOKEN_URL } from './auth';
export type { ServiceAccountKey } from './auth';
export { A1ParseError, columnLetters, columnNumber, formatA1, parseA1Range, quoteSheetName } from './a1-range';
export type { CellBox, ParsedRange } from './a1-range';
